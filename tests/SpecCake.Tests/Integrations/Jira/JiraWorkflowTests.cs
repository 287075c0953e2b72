using SpecCake.Aliases;
using SpecCake.Integrations.Jira;
using SpecCake.Specs;
using SpecCake.Tests.Configuration;
using SpecCake.Tests.TestSupport;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Integrations.Jira;

/// <summary>
/// Jira in a mature repository: the fake's workflow offers a transition only out of its own status
/// (To Do -21-> In Progress -31-> Done), as a real Jira does, so an issue already moved no longer lists
/// the transition that moved it.
/// </summary>
public sealed class JiraWorkflowTests : IAsyncLifetime
{
    private readonly FakeJira _jira = new();

    public Task InitializeAsync() => _jira.ListenAsync();

    public Task DisposeAsync() => _jira.DisposeAsync().AsTask();

    private Task<TrackerSyncSummary> SyncAsync(IReadOnlyList<Spec> specs, JiraOptions? options = null, bool cloud = true) =>
        TrackerSync.SyncAsync(Config(jira: options ?? TrackerScenario.Jira(_jira.Origin)), Environment(cloud), specs, Options());

    // Statuses by name only: no transition IDs configured.
    private JiraOptions MappedOnly(Dictionary<string, string> mappings) =>
        TrackerScenario.Jira(_jira.Origin) with { TransitionOnApprove = null, TransitionOnImplement = null, StatusMappings = mappings };

    private IReadOnlyList<string> TransitionsPosted() =>
        [.. _jira.Requests.Where(request => request.Method == "POST" && request.Path.EndsWith("/transitions", StringComparison.Ordinal))
            .Select(request => request.Json["transition"]!["id"]!.GetValue<string>())];

    [Fact]
    public async Task SyncAsync_FreshApprovedSpec_TransitionsOnceAndRecordsTheSpecStatusOnTheIssue()
    {
        var summary = await SyncAsync([Spec(1, SpecStatus.Approved)]);

        var issue = _jira.Issues.Single();
        Assert.Equal("In Progress", issue.StatusName);
        Assert.Equal(["21"], TransitionsPosted());
        var record = Assert.Single(_jira.Requests, request => request.Method == "PUT" && request.Path.Contains("/properties/", StringComparison.Ordinal));
        Assert.Equal($"/rest/api/3/issue/{issue.Key}/properties/speccake", record.Path);
        Assert.Equal("{\"status\":\"approved\"}", record.Body);
        Assert.Equal(1, summary.Trackers.Single().Created);
    }

    [Fact]
    public async Task SyncAsync_FreshImplementedSpec_TransitionsThroughApproveThenImplement()
    {
        await SyncAsync([Spec(1, SpecStatus.Implemented)]);

        Assert.Equal("Done", _jira.Issues.Single().StatusName);
        Assert.Equal(["21", "31"], TransitionsPosted());
        Assert.Equal("implemented", _jira.Issues.Single().Properties["speccake"]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SyncAsync_EverySpecAlreadyApproved_RerunWritesNothingAndFailsNothing(bool cloud)
    {
        await SyncAsync(ManySpecs(3, SpecStatus.Approved), cloud: cloud);
        _jira.ClearRequests();

        var rerun = await SyncAsync(ManySpecs(3, SpecStatus.Approved), cloud: cloud);

        Assert.False(rerun.HasFailures, rerun.Render());
        Assert.Equal(3, rerun.Trackers.Single().Unchanged);
        Assert.Empty(_jira.Writes);
        Assert.All(_jira.Issues, issue => Assert.Equal("In Progress", issue.StatusName));
    }

    [Fact]
    public async Task SyncAsync_OneApprovedSpecAlone_WritesNothingAndFailsNothing()
    {
        await SyncAsync(ManySpecs(3, SpecStatus.Approved));
        _jira.ClearRequests();

        var rerun = await SyncAsync([Spec(2, SpecStatus.Approved)]);

        Assert.False(rerun.HasFailures, rerun.Render());
        Assert.Empty(_jira.Writes);
        // The search alone: the issue's recorded spec status says it is done.
        Assert.Single(_jira.Requests);
    }

    [Fact]
    public async Task SyncTrackers_SpecArgumentOfAnApprovedSpecWithTheGuideSnippet_Succeeds()
    {
        using var folder = new TempFolder("jira");
        var directory = folder.Path;
        Directory.CreateDirectory(Path.Combine(directory, "specs"));
        // The documented block (docs/design/integrations.md#jira) as written, pointed at the fake.
        await File.WriteAllTextAsync(Path.Combine(directory, "specs.config.yaml"), $$"""
            specs:
              paths: ["specs/*.yaml"]
            integrations:
              jira:
                enabled: true
                base_url: "{{_jira.Origin}}"
                project_key: "PROJ"
                issue_type: "Story"
                transition_on_approve: "21"  # "In Progress" transition ID
                transition_on_implement: "31"  # "Done" transition ID
                field_mappings:
                  spec_id: "customfield_10001"
                  acceptance_criteria: "customfield_10002"
            """);
        foreach (var number in new[] { 1, 2 })
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "specs", $"FEAT-000{number}.yaml"), $"id: FEAT-000{number}\ntitle: Feature {number}\nstatus: approved\n");
        }

        var variables = Environment().ToDictionary(pair => pair.Key, pair => pair.Value);
        new TestCakeContext(directory, variables).SyncTrackers(new SyncTrackersSettings());
        _jira.ClearRequests();
        var context = new TestCakeContext(directory, variables);

        context.SyncTrackers(new SyncTrackersSettings { Spec = "FEAT-0001" });

        Assert.Contains(context.Lines.All, line => line.Text == "jira: 0 created, 0 updated, 1 unchanged, 0 failed");
        Assert.Empty(_jira.Writes);
    }

    [Fact]
    public async Task SyncAsync_IssueApprovedBeforeSpecStatusesWereRecorded_RecordsItOnceWithoutTransitioning()
    {
        await SyncAsync([Spec(1, SpecStatus.Approved)]);
        // What an issue moved by an earlier SpecCake (or by a person) looks like: In Progress, nothing recorded.
        _jira.Issues.Single().Properties.Clear();
        _jira.ClearRequests();

        var first = await SyncAsync([Spec(1, SpecStatus.Approved)]);
        var writes = _jira.Writes;
        _jira.ClearRequests();
        var second = await SyncAsync([Spec(1, SpecStatus.Approved)]);

        Assert.False(first.HasFailures, first.Render());
        var write = Assert.Single(writes);
        Assert.Equal("PUT", write.Method);
        Assert.EndsWith("/properties/speccake", write.Path, StringComparison.Ordinal);
        Assert.Empty(TransitionsPosted());
        Assert.Empty(_jira.Writes);
        Assert.Equal(1, second.Trackers.Single().Unchanged);
    }

    [Theory]
    [InlineData("To Do")]
    [InlineData("Done")]
    public async Task SyncAsync_IssueMovedByAPersonAfterSpecCakeMovedIt_IsLeftWhereThePersonPutIt(string status)
    {
        await SyncAsync([Spec(1, SpecStatus.Approved)]);
        _jira.MoveTo(_jira.Issues.Single().Key, status);
        _jira.ClearRequests();

        var rerun = await SyncAsync([Spec(1, SpecStatus.Approved)]);

        Assert.False(rerun.HasFailures, rerun.Render());
        Assert.Empty(_jira.Writes);
        Assert.Equal(status, _jira.Issues.Single().StatusName);
    }

    [Fact]
    public async Task SyncAsync_SpecImplementedAfterItWasApproved_TransitionsToDoneOnce()
    {
        await SyncAsync([Spec(1, SpecStatus.Approved)]);
        _jira.ClearRequests();

        var implemented = await SyncAsync([Spec(1, SpecStatus.Implemented)]);
        var transitions = TransitionsPosted();
        _jira.ClearRequests();
        var rerun = await SyncAsync([Spec(1, SpecStatus.Implemented)]);

        Assert.Equal(["status"], implemented.Trackers.Single().Outcomes.Single().Fields);
        Assert.Equal(["31"], transitions);
        Assert.Equal("Done", _jira.Issues.Single().StatusName);
        Assert.Equal("implemented", _jira.Issues.Single().Properties["speccake"]!["status"]!.GetValue<string>());
        Assert.Empty(_jira.Writes);
        Assert.Equal(1, rerun.Trackers.Single().Unchanged);
    }

    [Fact]
    public async Task SyncAsync_StatusMappingsWithoutTransitionIds_MovesEachIssueToItsNamedStatus()
    {
        var options = MappedOnly(new() { ["approved"] = "In Progress", ["implemented"] = "Done" });
        Spec[] specs = [Spec(1), Spec(2, SpecStatus.Approved), Spec(3, SpecStatus.Implemented)];

        await SyncAsync(specs, options);
        _jira.ClearRequests();
        var rerun = await SyncAsync(specs, options);

        Assert.Equal(["To Do", "In Progress", "Done"], specs.Select(spec => _jira.IssuesWithField("customfield_10001", spec.Id).Single().StatusName));
        Assert.Empty(_jira.Writes);
        Assert.Equal(3, rerun.Trackers.Single().Unchanged);
    }

    [Fact]
    public async Task SyncAsync_StatusMappingNoTransitionLeadsTo_FailsNamingTheStatusesAndWhatJiraOffers()
    {
        var options = MappedOnly(new() { ["implemented"] = "Done" });

        var summary = await SyncAsync([Spec(1, SpecStatus.Implemented), Spec(2)], options);

        var outcomes = summary.Trackers.Single().Outcomes;
        var key = _jira.IssuesWithField("customfield_10001", "FEAT-0001").Single().Key;
        Assert.Equal(SpecSyncAction.Failed, outcomes[0].Action);
        Assert.Equal(
            $"jira: no transition to \"Done\" (status_mappings.implemented) is offered from status \"To Do\" of {key}; Jira offers: 21 (Start progress → In Progress)",
            outcomes[0].Error);
        Assert.Equal(SpecSyncAction.Create, outcomes[1].Action);
    }

    [Fact]
    public void Parse_JiraStatusMappings_BindsThem()
    {
        var result = TestConfig.Parse(
            "integrations:\n  jira:\n    enabled: true\n    base_url: https://example.atlassian.net\n    project_key: PROJ\n    status_mappings:\n      approved: In Progress\n      implemented: Done\n",
            TestConfig.AllSecrets());

        Assert.Empty(result.Errors);
        Assert.Equal("In Progress", result.Config!.Integrations.Jira!.StatusMappings["approved"]);
        Assert.Equal("Done", result.Config.Integrations.Jira.StatusMappings["implemented"]);
    }

    [Fact]
    public void Parse_JiraStatusMappingsForAnUnknownSpecStatus_IsAnErrorNamingTheKey()
    {
        var result = TestConfig.Parse(
            "integrations:\n  jira:\n    enabled: true\n    base_url: https://example.atlassian.net\n    project_key: PROJ\n    status_mappings:\n      shipped: Done\n",
            TestConfig.AllSecrets());

        Assert.Contains(result.Errors, error => error.ToString().Contains("shipped", StringComparison.Ordinal));
    }
}
