using System.Text;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Integrations.Jira;

public sealed class JiraTrackerTests : IAsyncLifetime
{
    private readonly FakeJira _jira = new();

    public Task InitializeAsync() => _jira.ListenAsync();

    public Task DisposeAsync() => _jira.DisposeAsync().AsTask();

    private Task<TrackerSyncSummary> SyncAsync(IReadOnlyList<Spec> specs, global::SpecCake.Integrations.Jira.JiraOptions? options = null, bool cloud = true, bool dryRun = false) =>
        TrackerSync.SyncAsync(Config(jira: options ?? TrackerScenario.Jira(_jira.Origin)), Environment(cloud), specs, Options(dryRun));

    [Fact]
    public async Task SyncAsync_FirstRun_CreatesOneIssuePerSpecWithFieldsAndStatus()
    {
        var specs = new[] { Spec(1), Spec(2, SpecStatus.Approved, "auth"), Spec(3, SpecStatus.Implemented) };

        var summary = await SyncAsync(specs);

        Assert.Equal(3, summary.Trackers.Single().Created);
        Assert.Equal(3, _jira.Issues.Count);
        var approved = _jira.IssuesWithField("customfield_10001", "FEAT-0002").Single();
        Assert.Equal("[FEAT-0002] Feature 2", approved.Summary);
        Assert.Equal(["spec", "spec-FEAT-0002", "auth"], approved.Labels);
        Assert.Equal("In Progress", approved.StatusName);
        Assert.Equal("doc", approved.Fields["description"]!["type"]!.GetValue<string>());
        Assert.Contains("AC-2: Lockout after 5 attempts", approved.Fields["description"]!.ToJsonString());
        Assert.Contains("AC-1: Users can sign in", approved.Fields["customfield_10002"]!.ToJsonString());
        Assert.Equal("Done", _jira.IssuesWithField("customfield_10001", "FEAT-0003").Single().StatusName);
        Assert.Equal("To Do", _jira.IssuesWithField("customfield_10001", "FEAT-0001").Single().StatusName);
    }

    [Fact]
    public async Task SyncAsync_SecondRun_SendsNoWriteRequest()
    {
        var specs = new[] { Spec(1), Spec(2, SpecStatus.Approved), Spec(3, SpecStatus.Implemented) };
        await SyncAsync(specs);
        _jira.ClearRequests();

        var summary = await SyncAsync(specs);

        Assert.Empty(_jira.Writes);
        Assert.Equal(3, summary.Trackers.Single().Unchanged);
        // One search for all specs: the transitions each issue offers tell where 21 and 31 lead.
        var search = Assert.Single(_jira.Requests);
        var jql = System.Text.Json.Nodes.JsonNode.Parse(search.Body)!["jql"]!.GetValue<string>();
        Assert.Equal("project = \"PROJ\" AND (cf[10001] ~ \"\\\"FEAT-0001\\\"\" OR cf[10001] ~ \"\\\"FEAT-0002\\\"\" OR cf[10001] ~ \"\\\"FEAT-0003\\\"\")", jql);
    }

    [Fact]
    public async Task SyncAsync_SpecApprovedAfterCreation_SendsOnlyTheTransitionAndItsRecord()
    {
        await SyncAsync([Spec(1), Spec(2)]);
        _jira.ClearRequests();

        var summary = await SyncAsync([Spec(1), Spec(2, SpecStatus.Approved)]);

        var issue = _jira.IssuesWithField("customfield_10001", "FEAT-0002").Single();
        Assert.Equal(
            [$"POST /rest/api/3/issue/{issue.Key}/transitions", $"PUT /rest/api/3/issue/{issue.Key}/properties/speccake"],
            _jira.Writes.Select(write => $"{write.Method} {write.Path}"));
        Assert.Contains("\"21\"", _jira.Writes[0].Body, StringComparison.Ordinal);
        Assert.Equal(["status"], summary.Trackers.Single().Outcomes[1].Fields);
        Assert.Equal("In Progress", issue.StatusName);
    }

    [Fact]
    public async Task SyncAsync_TitleEditedInSpec_UpdatesOnlyTheSummary()
    {
        await SyncAsync([Spec(1)]);
        _jira.ClearRequests();

        await SyncAsync([Spec(1) with { Title = "Renamed" }]);

        var write = Assert.Single(_jira.Writes);
        Assert.Equal("PUT", write.Method);
        Assert.Equal("{\"fields\":{\"summary\":\"[FEAT-0001] Renamed\"}}", write.Body);
    }

    [Fact]
    public async Task SyncAsync_CreateFailsWith500AfterStoringTheThirdIssue_RerunLeavesOneIssuePerSpec()
    {
        _jira.Fail(request => request.Method == "POST" && request.Path.EndsWith("/issue", StringComparison.Ordinal), 500, skip: 2, times: 1, afterHandling: true);
        var specs = ManySpecs(5);

        var first = await TrackerSync.SyncAsync(Config(jira: TrackerScenario.Jira(_jira.Origin)), Environment(), specs, Options(concurrency: 1));
        var second = await SyncAsync(specs);

        Assert.Equal(5, _jira.Issues.Count);
        Assert.All(specs, spec => Assert.Single(_jira.IssuesWithField("customfield_10001", spec.Id)));
        Assert.Equal(0, second.Trackers.Single().Created);
        // The failed create was looked up again and found, so even the first run reports it created.
        Assert.Equal(5, first.Trackers.Single().Created);
    }

    [Fact]
    public async Task SyncAsync_CreateFailsWith500BeforeStoring_SpecFailsThenRerunCreatesIt()
    {
        _jira.Fail(request => request.Method == "POST" && request.Path.EndsWith("/issue", StringComparison.Ordinal), 500, skip: 2, times: 1);
        var specs = ManySpecs(4);

        var first = await TrackerSync.SyncAsync(Config(jira: TrackerScenario.Jira(_jira.Origin)), Environment(), specs, Options(concurrency: 1));
        var second = await SyncAsync(specs);

        Assert.Equal(1, first.Trackers.Single().Failed);
        Assert.Contains("answered 500", first.Trackers.Single().Outcomes[2].Error, StringComparison.Ordinal);
        Assert.Equal(1, second.Trackers.Single().Created);
        Assert.All(specs, spec => Assert.Single(_jira.IssuesWithField("customfield_10001", spec.Id)));
    }

    [Fact]
    public async Task SyncAsync_SearchAnswers429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        _jira.Fail(request => request.Path.EndsWith("/search/jql", StringComparison.Ordinal), 429, retryAfter: "1");

        var summary = await SyncAsync([Spec(1)]);

        Assert.Equal(1, summary.Trackers.Single().Created);
        // The search answered 429, its retry, then the look again after creating.
        var searches = _jira.Requests.Where(request => request.Path.EndsWith("/search/jql", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, searches.Count);
        Assert.True(searches[1].ReceivedAt - searches[0].ReceivedAt >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task SyncAsync_UnknownTransition_FailsThatSpecNamingItAndSyncsTheOthers()
    {
        var options = TrackerScenario.Jira(_jira.Origin) with { TransitionOnImplement = "99" };
        await SyncAsync([Spec(1), Spec(2)], options);

        var summary = await SyncAsync([Spec(1, SpecStatus.Implemented), Spec(2, SpecStatus.Approved)], options);

        var result = summary.Trackers.Single();
        var key = _jira.IssuesWithField("customfield_10001", "FEAT-0001").Single().Key;
        Assert.Equal(SpecSyncAction.Failed, result.Outcomes[0].Action);
        // Implemented implies approved: the approve step is taken, then no transition 99 is offered.
        Assert.Equal(
            $"jira: transition \"99\" (transition_on_implement) is not offered from status \"In Progress\" of {key}, and the issue is not past it; " +
            "Jira offers: 31 (Done → Done), 41 (Stop progress → To Do)",
            result.Outcomes[0].Error);
        Assert.Equal(SpecSyncAction.Update, result.Outcomes[1].Action);
        Assert.Equal("In Progress", _jira.IssuesWithField("customfield_10001", "FEAT-0002").Single().StatusName);
        Assert.Equal("In Progress", _jira.IssuesWithField("customfield_10001", "FEAT-0001").Single().StatusName);
    }

    [Fact]
    public async Task SyncAsync_CloudCredentials_SendsBasicEmailAndTokenToRestV3()
    {
        await SyncAsync([Spec(1)]);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(JiraEmail + ":" + JiraToken));
        Assert.All(_jira.Requests, request => Assert.Equal(expected, request.Header("Authorization")));
        Assert.All(_jira.Requests, request => Assert.StartsWith("/rest/api/3/", request.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncAsync_NoEmail_SendsBearerTokenToServerRestV2WithWikiMarkup()
    {
        var summary = await SyncAsync([Spec(1)], cloud: false);
        await SyncAsync([Spec(1)], cloud: false);

        Assert.Equal(1, summary.Trackers.Single().Created);
        Assert.All(_jira.Requests, request => Assert.Equal("Bearer " + JiraToken, request.Header("Authorization")));
        Assert.All(_jira.Requests, request => Assert.StartsWith("/rest/api/2/", request.Path, StringComparison.Ordinal));
        Assert.Contains("* AC-1: Users can sign in", _jira.Issues.Single().Fields["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(_jira.Writes);
    }

    [Fact]
    public async Task SyncAsync_NoFieldMapping_FindsIssuesByTheSpecLabel()
    {
        var options = TrackerScenario.Jira(_jira.Origin) with { FieldMappings = new Dictionary<string, string>() };
        await SyncAsync(ManySpecs(3), options);
        _jira.ClearRequests();

        var summary = await SyncAsync(ManySpecs(3), options);

        Assert.Equal(3, summary.Trackers.Single().Unchanged);
        Assert.Empty(_jira.Writes);
        Assert.Contains("labels IN (\\u0022spec-FEAT-0001\\u0022", _jira.Requests.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_CreateSubtasks_CreatesOneSubtaskPerCriterionOnce()
    {
        var options = TrackerScenario.Jira(_jira.Origin) with { CreateSubtasks = true };
        await SyncAsync([Spec(1)], options);
        await SyncAsync([Spec(1)], options);
        var changed = Spec(1) with { AcceptanceCriteria = [.. Spec(1).AcceptanceCriteria, new AcceptanceCriterion("AC-3", "Audit log")] };
        await SyncAsync([changed], options);

        var subtasks = _jira.Issues.Where(issue => issue.Parent == "PROJ-1").Select(issue => issue.Summary).ToList();
        Assert.Equal(["AC-1: Users can sign in", "AC-2: Lockout after 5 attempts", "AC-3: Audit log"], subtasks);
        Assert.All(_jira.Issues.Where(issue => issue.Parent is not null), issue => Assert.Equal("Subtask", issue.Fields["issuetype"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SyncAsync_SubtaskDuplicatedByAnotherRun_KeepsTheOldestAndDeletesTheOthers()
    {
        var options = TrackerScenario.Jira(_jira.Origin) with { CreateSubtasks = true };
        await SyncAsync([Spec(1)], options);
        var copy = AddSubtask("PROJ-1", "AC-1: Users can sign in");
        // A person's own sub-task about the criterion is not a copy SpecCake made: it stays.
        var persons = AddSubtask("PROJ-1", "AC-1: Users can sign in — QA notes");

        var summary = await SyncAsync([Spec(1)], options);

        Assert.False(summary.HasFailures, summary.Render());
        Assert.Equal(
            ["PROJ-2 AC-1: Users can sign in", "PROJ-3 AC-2: Lockout after 5 attempts", $"{persons} AC-1: Users can sign in — QA notes"],
            Subtasks("PROJ-1"));
        Assert.Single(_jira.Requests, request => request.Method == "DELETE" && request.Path.EndsWith("/issue/" + copy, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncAsync_SubtaskDuplicateTheBotMayNotDelete_GivesUpTheCriterionsPrefixAndTheRerunWritesNothing()
    {
        var options = TrackerScenario.Jira(_jira.Origin) with { CreateSubtasks = true };
        await SyncAsync([Spec(1)], options);
        var copy = AddSubtask("PROJ-1", "AC-2: Lockout after 5 attempts");
        _jira.DeleteForbidden = true;

        var summary = await SyncAsync([Spec(1)], options);
        _jira.ClearRequests();
        var rerun = await SyncAsync([Spec(1)], options);

        Assert.False(summary.HasFailures, summary.Render());
        Assert.Contains($"{copy} Duplicate of PROJ-3: AC-2: Lockout after 5 attempts", Subtasks("PROJ-1"));
        Assert.Empty(_jira.Writes);
        Assert.Equal(1, rerun.Trackers.Single().Unchanged);
    }

    [Fact]
    public async Task SyncAsync_TwoRunsAddTheSameNewCriterionAtOnce_EndWithOneSubtaskPerCriterion()
    {
        var options = TrackerScenario.Jira(_jira.Origin) with { CreateSubtasks = true };
        await SyncAsync([Spec(1)], options);
        var changed = Spec(1) with { AcceptanceCriteria = [.. Spec(1).AcceptanceCriteria, new AcceptanceCriterion("AC-3", "Audit log")] };
        _jira.ClearRequests();
        // Both runs read the issue before either adds the new criterion's sub-task.
        _jira.Meet(request => request.Path.EndsWith("/search/jql", StringComparison.Ordinal));

        var runs = await Task.WhenAll(SyncAsync([changed], options), SyncAsync([changed], options));

        Assert.All(runs, run => Assert.False(run.HasFailures, run.Render()));
        Assert.Equal(2, _jira.Requests.Count(request => request.Method == "POST" && request.Path.EndsWith("/issue", StringComparison.Ordinal)));
        Assert.Equal(
            ["AC-1: Users can sign in", "AC-2: Lockout after 5 attempts", "AC-3: Audit log"],
            _jira.Issues.Where(issue => issue.Parent == "PROJ-1").Select(issue => issue.Summary));
    }

    [Fact]
    public async Task ApplyEventAsync_PrCreatedTwice_AddsOneRemoteLinkWithOneWrite()
    {
        var pr = new PullRequestReference(42, "https://github.com/octo-org/specs-repo/pull/42");
        await SyncAsync([Spec(1)]);
        _jira.ClearRequests();

        await TrackerSync.ApplyEventAsync(Config(jira: TrackerScenario.Jira(_jira.Origin)), Environment(), Spec(1), SpecEventKind.PrCreated, pr, Options());
        await TrackerSync.ApplyEventAsync(Config(jira: TrackerScenario.Jira(_jira.Origin)), Environment(), Spec(1), SpecEventKind.PrMerged, pr, Options());

        var link = Assert.Single(_jira.Issues.Single().RemoteLinks);
        Assert.Equal(pr.Url, link["object"]!["url"]!.GetValue<string>());
        Assert.Equal("speccake-pr=" + pr.Url, link["globalId"]!.GetValue<string>());
        Assert.Single(_jira.Writes);
    }

    [Fact]
    public async Task ApplyEventAsync_SpecApproved_AppliesTheApproveTransition()
    {
        await SyncAsync([Spec(1)]);

        var summary = await TrackerSync.ApplyEventAsync(Config(jira: TrackerScenario.Jira(_jira.Origin)), Environment(), Spec(1), SpecEventKind.SpecApproved, null, Options());

        Assert.Equal(["status"], summary.Trackers.Single().Outcomes.Single().Fields);
        Assert.Equal("In Progress", _jira.Issues.Single().StatusName);
    }

    [Fact]
    public async Task SyncAsync_DryRun_ReportsThePlanAndWritesNothing()
    {
        await SyncAsync([Spec(1)]);
        _jira.ClearRequests();

        var summary = await SyncAsync([Spec(1, SpecStatus.Approved) with { Title = "Renamed" }, Spec(2)], dryRun: true);

        Assert.Empty(_jira.Writes);
        var text = summary.Render();
        Assert.Contains("jira: FEAT-0001 would update (PROJ-1): title; would transition it to approved", text, StringComparison.Ordinal);
        Assert.Contains("jira: FEAT-0002 would create: title, description, labels, spec_id, acceptance_criteria", text, StringComparison.Ordinal);
        Assert.Contains("jira: would create 1, would update 1, 0 unchanged, 0 failed (dry run)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_ServerEchoesTheAuthorizationHeader_ErrorShowsItMasked()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(JiraEmail + ":" + JiraToken));
        _jira.Fail(request => request.Path.EndsWith("/search/jql", StringComparison.Ordinal), 401, times: 5,
            body: $"{{\"errorMessages\":[\"bad credentials Basic {basic} for token {JiraToken}\"]}}");

        var summary = await SyncAsync([Spec(1)]);

        var error = summary.Trackers.Single().Outcomes.Single().Error!;
        Assert.Contains("answered 401", error, StringComparison.Ordinal);
        Assert.DoesNotContain(JiraToken, error, StringComparison.Ordinal);
        Assert.DoesNotContain(basic, error, StringComparison.Ordinal);
        Assert.Contains("***", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_DescriptionWithLineBreaks_IsWrittenAsHardBreaksAndNotRewrittenOnRerun()
    {
        var spec = Spec(1) with { Description = "First line\nsecond line\n\nNext paragraph." };
        await SyncAsync([spec]);
        _jira.ClearRequests();

        await SyncAsync([spec]);

        Assert.Contains("{\"type\":\"hardBreak\"}", _jira.Issues.Single().Fields["description"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_jira.Writes);
    }

    [Fact]
    public async Task SyncAsync_DuplicateAndNoDeletePermission_TakesItsMarkerAndLabelsItDuplicate()
    {
        _jira.DeleteForbidden = true;
        var kept = AddIssue(Spec(1));
        var duplicate = AddIssue(Spec(1));

        var summary = await SyncAsync([Spec(1)]);
        _jira.ClearRequests();
        var rerun = await SyncAsync([Spec(1)]);

        var retired = _jira.Issues.Single(issue => issue.Key == duplicate);
        Assert.Contains("speccake-duplicate", retired.Labels);
        Assert.DoesNotContain("spec-FEAT-0001", retired.Labels);
        Assert.Null(retired.Fields["customfield_10001"]);
        Assert.Equal([kept], _jira.IssuesWithField("customfield_10001", "FEAT-0001").Select(issue => issue.Key));
        Assert.Contains($"retired duplicate {duplicate}", summary.Render(), StringComparison.Ordinal);
        Assert.Empty(_jira.Writes);
        Assert.Equal(1, rerun.Trackers.Single().Unchanged);
    }

    [Fact]
    public async Task SyncAsync_DuplicateWithSubtasks_IsDeletedWithItsSubtasks()
    {
        AddIssue(Spec(1));
        var duplicate = AddIssue(Spec(1));
        _jira.AddIssue(new System.Text.Json.Nodes.JsonObject
        {
            ["project"] = new System.Text.Json.Nodes.JsonObject { ["key"] = "PROJ" },
            ["parent"] = new System.Text.Json.Nodes.JsonObject { ["key"] = duplicate },
            ["issuetype"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Subtask" },
            ["summary"] = "AC-1: Users can sign in",
        });

        var summary = await SyncAsync([Spec(1)]);

        Assert.False(summary.HasFailures, summary.Render());
        Assert.DoesNotContain(_jira.Issues, issue => issue.Key == duplicate || issue.Parent == duplicate);
        var delete = Assert.Single(_jira.Requests, request => request.Method == "DELETE");
        Assert.Equal($"/rest/api/3/issue/{duplicate}?deleteSubtasks=true", delete.PathAndQuery);
    }

    [Fact]
    public async Task ApplyEventAsync_PrCreatedRacingASync_LinksThePullRequestToTheKeptIssue()
    {
        var pr = new PullRequestReference(42, "https://github.com/octo-org/specs-repo/pull/42");
        _jira.Meet(request => request.Path.EndsWith("/search/jql", StringComparison.Ordinal));

        await Task.WhenAll(
            SyncAsync([Spec(1)]),
            TrackerSync.ApplyEventAsync(Config(jira: TrackerScenario.Jira(_jira.Origin)), Environment(), Spec(1), SpecEventKind.PrCreated, pr, Options()));

        var issue = Assert.Single(_jira.IssuesWithField("customfield_10001", "FEAT-0001"));
        Assert.Equal(pr.Url, Assert.Single(issue.RemoteLinks)["object"]!["url"]!.GetValue<string>());
    }

    private string AddIssue(Spec spec) => TrackerFake.Named("jira").AddItem(_jira, spec);

    private string AddSubtask(string parent, string summary) => _jira.AddIssue(new System.Text.Json.Nodes.JsonObject
    {
        ["project"] = new System.Text.Json.Nodes.JsonObject { ["key"] = "PROJ" },
        ["parent"] = new System.Text.Json.Nodes.JsonObject { ["key"] = parent },
        ["issuetype"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Subtask" },
        ["summary"] = summary,
    }).Key;

    private List<string> Subtasks(string parent) =>
        [.. _jira.Issues.Where(issue => issue.Parent == parent).Select(issue => $"{issue.Key} {issue.Summary}")];
}
