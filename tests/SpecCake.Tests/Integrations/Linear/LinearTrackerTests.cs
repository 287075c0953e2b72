using SpecCake.Events;
using SpecCake.Integrations.Linear;
using SpecCake.Specs;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Integrations.Linear;

public sealed class LinearTrackerTests : IAsyncLifetime
{
    private readonly FakeLinear _linear = new();

    public Task InitializeAsync() => _linear.ListenAsync();

    public Task DisposeAsync() => _linear.DisposeAsync().AsTask();

    private Task<TrackerSyncSummary> SyncAsync(IReadOnlyList<Spec> specs, LinearOptions? options = null) =>
        TrackerSync.SyncAsync(Config(linear: options ?? TrackerScenario.Linear(_linear.Origin)), Environment(), specs, Options());

    private static string FileUrl(Spec spec) => $"https://github.com/{Repository}/blob/HEAD/{spec.File}";

    [Fact]
    public async Task SyncAsync_FirstRun_CreatesIssuesWithLabelsStateAndSpecFileAttachment()
    {
        var summary = await SyncAsync([Spec(1), Spec(2, SpecStatus.Approved)]);

        Assert.Equal(2, summary.Trackers.Single().Created);
        Assert.Equal(2, _linear.Issues.Count);
        var approved = _linear.Issues.Single(issue => issue.Title == "[FEAT-0002] Feature 2");
        Assert.Equal("state-todo", approved.StateId);
        Assert.Equal(["label-spec", "label-auto"], approved.LabelIds);
        Assert.Equal([FileUrl(Spec(2))], approved.AttachmentUrls);
        Assert.Contains("- AC-1: Users can sign in", approved.Description, StringComparison.Ordinal);
        Assert.Equal("state-backlog", _linear.Issues.Single(issue => issue.Title == "[FEAT-0001] Feature 1").StateId);
    }

    [Fact]
    public async Task SyncAsync_SecondRun_SendsNoMutationAndOneQueryForAllSpecs()
    {
        await SyncAsync(ManySpecs(5));
        _linear.ClearRequests();

        var summary = await SyncAsync(ManySpecs(5));

        Assert.Empty(_linear.Writes);
        Assert.Equal(5, summary.Trackers.Single().Unchanged);
        // The team's labels and states, then one aliased attachmentsForURL query for the five specs.
        Assert.Equal(2, _linear.Requests.Count);
    }

    [Fact]
    public async Task SyncAsync_AnyRequest_SendsTheApiKeyWithoutBearer()
    {
        await SyncAsync([Spec(1)]);

        Assert.All(_linear.Requests, request => Assert.Equal(LinearKey, request.Header("Authorization")));
    }

    [Fact]
    public async Task SyncAsync_StatusChanged_UpdatesOnlyTheState()
    {
        await SyncAsync([Spec(1)]);
        _linear.ClearRequests();

        await SyncAsync([Spec(1, SpecStatus.Implemented)]);

        var write = Assert.Single(_linear.Writes);
        Assert.Contains("issueUpdate", write.Body, StringComparison.Ordinal);
        Assert.Contains("{\"stateId\":\"state-done\"}", write.Body, StringComparison.Ordinal);
        Assert.Equal("state-done", _linear.Issues.Single().StateId);
    }

    [Fact]
    public async Task SyncAsync_UnknownStateName_FailsOnlySpecsWithThatStatusNamingTheState()
    {
        var options = TrackerScenario.Linear(_linear.Origin) with
        {
            StateMappings = new Dictionary<string, string> { ["draft"] = "Backlog", ["approved"] = "Ready for Dev" },
        };

        var summary = await SyncAsync([Spec(1), Spec(2, SpecStatus.Approved), Spec(3)], options);

        var outcomes = summary.Trackers.Single().Outcomes;
        Assert.Equal(SpecSyncAction.Failed, outcomes[1].Action);
        Assert.Contains("state \"Ready for Dev\" (state_mappings.approved) does not exist", outcomes[1].Error, StringComparison.Ordinal);
        Assert.Contains("\"In Review\"", outcomes[1].Error, StringComparison.Ordinal);
        Assert.Equal(SpecSyncAction.Create, outcomes[0].Action);
        Assert.Equal(SpecSyncAction.Create, outcomes[2].Action);
        Assert.Equal(2, _linear.Issues.Count);
    }

    [Fact]
    public async Task SyncAsync_UnknownLabel_FailsWithAnErrorNamingTheLabel()
    {
        var summary = await SyncAsync([Spec(1)], TrackerScenario.Linear(_linear.Origin) with { Labels = ["spec", "nonexistent"] });

        var outcome = summary.Trackers.Single().Outcomes.Single();
        Assert.Equal(SpecSyncAction.Failed, outcome.Action);
        Assert.Contains("label \"nonexistent\" does not exist", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(_linear.Writes);
    }

    [Fact]
    public async Task SyncAsync_WorkspaceLabel_IsResolvedToo()
    {
        await SyncAsync([Spec(1)], TrackerScenario.Linear(_linear.Origin) with { Labels = ["security"] });

        Assert.Equal(["label-ws"], _linear.Issues.Single().LabelIds);
    }

    [Fact]
    public async Task SyncAsync_IssueLeftWithoutItsAttachment_AttachesItInsteadOfCreatingAnother()
    {
        var orphan = _linear.AddIssue("[FEAT-0001] Feature 1");

        var summary = await SyncAsync([Spec(1)]);

        Assert.Single(_linear.Issues);
        Assert.Contains(FileUrl(Spec(1)), orphan.AttachmentUrls);
        Assert.Contains("marker", summary.Trackers.Single().Outcomes.Single().Fields);
    }

    [Fact]
    public async Task SyncAsync_IssueCreateAnswers500AfterStoring_RerunLeavesOneIssuePerSpec()
    {
        _linear.Fail(request => request.Body.Contains("SpecCakeIssueCreate", StringComparison.Ordinal), 500, skip: 2, afterHandling: true);

        await TrackerSync.SyncAsync(Config(linear: TrackerScenario.Linear(_linear.Origin)), Environment(), ManySpecs(4), Options(concurrency: 1));
        var second = await SyncAsync(ManySpecs(4));

        Assert.Equal(4, _linear.Issues.Count);
        Assert.All(ManySpecs(4), spec => Assert.Single(_linear.Issues, issue => issue.AttachmentUrls.Contains(FileUrl(spec))));
        Assert.Equal(0, second.Trackers.Single().Created);
    }

    [Fact]
    public async Task ApplyEventAsync_PrCreated_AttachesThePullRequestOnce()
    {
        var pr = new PullRequestReference(42, "https://github.com/octo-org/specs-repo/pull/42");
        await SyncAsync([Spec(1)]);

        await TrackerSync.ApplyEventAsync(Config(linear: TrackerScenario.Linear(_linear.Origin)), Environment(), Spec(1), SpecEventKind.PrCreated, pr, Options());
        _linear.ClearRequests();
        await TrackerSync.ApplyEventAsync(Config(linear: TrackerScenario.Linear(_linear.Origin)), Environment(), Spec(1), SpecEventKind.PrMerged, pr, Options());

        Assert.Contains(pr.Url, _linear.Issues.Single().AttachmentUrls);
        Assert.Empty(_linear.Writes);
    }

    [Fact]
    public async Task ApplyEventAsync_PrWithoutUrl_ReconcilesTheSpecWithoutALink()
    {
        await SyncAsync([Spec(1)]);

        await TrackerSync.ApplyEventAsync(Config(linear: TrackerScenario.Linear(_linear.Origin)), Environment(), Spec(1), SpecEventKind.PrCreated, new PullRequestReference(42, null), Options());

        Assert.Equal([FileUrl(Spec(1))], _linear.Issues.Single().AttachmentUrls);
    }

    [Fact]
    public async Task SyncAsync_Duplicate_IsArchivedAndNotFoundAgain()
    {
        var kept = _linear.AddIssue("[FEAT-0001] Feature 1", FileUrl(Spec(1)));
        var duplicate = _linear.AddIssue("[FEAT-0001] Feature 1", FileUrl(Spec(1)));

        var summary = await SyncAsync([Spec(1)]);
        _linear.ClearRequests();
        var rerun = await SyncAsync([Spec(1)]);

        Assert.NotNull(duplicate.ArchivedAt);
        Assert.Null(kept.ArchivedAt);
        Assert.Contains($"FEAT-0001 updated ({kept.Identifier})", summary.Render(), StringComparison.Ordinal);
        Assert.Contains($"retired duplicate {duplicate.Identifier}", summary.Render(), StringComparison.Ordinal);
        Assert.Empty(_linear.Writes);
        Assert.Equal(1, rerun.Trackers.Single().Unchanged);
    }

    [Fact]
    public async Task SyncAsync_TenIssuesCarryTheMarker_KeepsTheOldestByCreationNotByIdentifierText()
    {
        var issues = Enumerable.Range(0, 10).Select(_ => _linear.AddIssue("[FEAT-0001] Feature 1", FileUrl(Spec(1)))).ToList();

        var summary = await SyncAsync([Spec(1)]);

        // ENG-10 sorts before ENG-2 as text; ENG-1 is the oldest.
        Assert.Equal(issues[0].Identifier, summary.Trackers.Single().Outcomes.Single().ItemKey);
        Assert.Equal([issues[0]], _linear.LiveIssues);
    }
}
