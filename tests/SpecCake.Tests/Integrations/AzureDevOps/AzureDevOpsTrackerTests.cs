using System.Text;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Integrations.AzureDevOps;

public sealed class AzureDevOpsTrackerTests : IAsyncLifetime
{
    private readonly FakeAzureDevOps _ado = new();

    public Task InitializeAsync() => _ado.ListenAsync();

    public Task DisposeAsync() => _ado.DisposeAsync().AsTask();

    private Task<TrackerSyncSummary> SyncAsync(IReadOnlyList<Spec> specs, global::SpecCake.Integrations.AzureDevOps.AzureDevOpsOptions? options = null) =>
        TrackerSync.SyncAsync(Config(azureDevOps: options ?? TrackerScenario.AzureDevOps(_ado.Origin)), Environment(), specs, Options());

    [Fact]
    public async Task SyncAsync_FirstRun_CreatesWorkItemsByJsonPatchWithFieldsAndDefaultStates()
    {
        var summary = await SyncAsync([Spec(1), Spec(2, SpecStatus.Approved, "auth"), Spec(3, SpecStatus.Implemented)]);

        Assert.Equal(3, summary.Trackers.Single().Created);
        var creates = _ado.Writes;
        Assert.Equal(3, creates.Count);
        Assert.All(creates, request => Assert.Equal("application/json-patch+json", request.ContentType));
        Assert.All(creates, request => Assert.Equal("/your-org/your-project/_apis/wit/workitems/$User%20Story?api-version=7.1", request.RawTarget));
        var item = _ado.Items.Single(candidate => candidate.Tags.Contains("FEAT-0002"));
        Assert.Equal("[FEAT-0002] Feature 2", item.Fields["System.Title"]);
        Assert.Equal("spec; FEAT-0002; auth", item.Fields["System.Tags"]);
        Assert.Equal("Active", item.Fields["System.State"]);
        Assert.Equal("your-project\\Team", item.Fields["System.AreaPath"]);
        Assert.Equal("your-project\\Sprint 1", item.Fields["System.IterationPath"]);
        Assert.Contains("<li>AC-1: Users can sign in</li>", item.Fields["System.Description"], StringComparison.Ordinal);
        Assert.Equal("New", _ado.Items.Single(candidate => candidate.Tags.Contains("FEAT-0001")).Fields["System.State"]);
        Assert.Equal("Closed", _ado.Items.Single(candidate => candidate.Tags.Contains("FEAT-0003")).Fields["System.State"]);
    }

    [Fact]
    public async Task SyncAsync_AnyRequest_SendsBasicAuthWithAnEmptyUserAndThePat()
    {
        await SyncAsync([Spec(1)]);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + AdoPat));
        Assert.All(_ado.Requests, request => Assert.Equal(expected, request.Header("Authorization")));
    }

    [Fact]
    public async Task SyncAsync_SecondRun_SendsNoWriteAndOneQueryPlusOneBatch()
    {
        await SyncAsync(ManySpecs(5));
        _ado.ClearRequests();

        var summary = await SyncAsync(ManySpecs(5));

        Assert.Empty(_ado.Writes);
        Assert.Equal(5, summary.Trackers.Single().Unchanged);
        Assert.Equal(["/your-org/your-project/_apis/wit/wiql", "/your-org/your-project/_apis/wit/workitemsbatch"], _ado.Requests.Select(request => request.Path));
    }

    [Fact]
    public async Task SyncAsync_StatusChanged_PatchesOnlyTheState()
    {
        await SyncAsync([Spec(1), Spec(2)]);
        _ado.ClearRequests();

        await SyncAsync([Spec(1), Spec(2, SpecStatus.Implemented)]);

        var write = Assert.Single(_ado.Writes);
        Assert.Equal("PATCH", write.Method);
        Assert.Equal("application/json-patch+json", write.ContentType);
        Assert.Equal("[{\"op\":\"add\",\"path\":\"/fields/System.State\",\"value\":\"Closed\"}]", write.Body);
    }

    [Fact]
    public async Task SyncAsync_TagAddedInBoards_IsKeptAndNotRewritten()
    {
        await SyncAsync([Spec(1)]);
        _ado.SetField(1, "System.Tags", "spec; FEAT-0001; customer-request");
        _ado.ClearRequests();

        await SyncAsync([Spec(1)]);

        Assert.Empty(_ado.Writes);
    }

    [Fact]
    public async Task SyncAsync_TagMerelyContainingTheId_IsNotTakenForTheMarker()
    {
        await SyncAsync([Spec(1) with { Id = "FEAT-00011", File = "specs/features/FEAT-00011.yaml" }]);

        var summary = await SyncAsync([Spec(1)]);

        Assert.Equal(1, summary.Trackers.Single().Created);
        Assert.Equal(2, _ado.Items.Count);
    }

    [Fact]
    public async Task SyncAsync_CreateAnswers500OnTheThirdCreate_RerunLeavesOneWorkItemPerSpec()
    {
        _ado.Fail(request => request.Method == "POST" && request.Path.Contains("/workitems/", StringComparison.Ordinal), 500, skip: 2, afterHandling: true);

        await TrackerSync.SyncAsync(Config(azureDevOps: TrackerScenario.AzureDevOps(_ado.Origin)), Environment(), ManySpecs(5), Options(concurrency: 1));
        var second = await SyncAsync(ManySpecs(5));

        Assert.Equal(5, _ado.Items.Count);
        Assert.All(ManySpecs(5), spec => Assert.Single(_ado.Items, item => item.Tags.Contains(spec.Id)));
        Assert.Equal(5, second.Trackers.Single().Unchanged);
    }

    [Fact]
    public async Task SyncAsync_UnknownState_FailsThatSpecNamingTheStateAndSyncsOthers()
    {
        var options = TrackerScenario.AzureDevOps(_ado.Origin) with { StateMappings = new Dictionary<string, string> { ["review"] = "In Review" } };

        var summary = await SyncAsync([Spec(1), Spec(2, SpecStatus.Review), Spec(3)], options);

        var outcomes = summary.Trackers.Single().Outcomes;
        Assert.Equal(SpecSyncAction.Failed, outcomes[1].Action);
        Assert.Contains("state \"In Review\" (state_mappings.review) was rejected", outcomes[1].Error, StringComparison.Ordinal);
        Assert.Equal(2, summary.Trackers.Single().Created);
        Assert.Equal(2, _ado.Items.Count);
    }

    [Fact]
    public async Task ApplyEventAsync_PrMerged_AddsOneHyperlink()
    {
        var pr = new PullRequestReference(7, "https://github.com/octo-org/specs-repo/pull/7");
        await SyncAsync([Spec(1)]);

        await TrackerSync.ApplyEventAsync(Config(azureDevOps: TrackerScenario.AzureDevOps(_ado.Origin)), Environment(), Spec(1), SpecEventKind.PrMerged, pr, Options());
        await TrackerSync.ApplyEventAsync(Config(azureDevOps: TrackerScenario.AzureDevOps(_ado.Origin)), Environment(), Spec(1), SpecEventKind.PrMerged, pr, Options());

        var relation = Assert.Single(_ado.Items.Single().Relations);
        Assert.Equal("Hyperlink", relation["rel"]!.GetValue<string>());
        Assert.Equal(pr.Url, relation["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task SyncAsync_CreateAnswers429_RetriesTheCreateAndMakesOneItem()
    {
        _ado.Fail(request => request.Method == "POST" && request.Path.Contains("/workitems/", StringComparison.Ordinal), 429, retryAfter: "0");

        var summary = await SyncAsync([Spec(1)]);

        Assert.Equal(1, summary.Trackers.Single().Created);
        Assert.Single(_ado.Items);
        Assert.Equal(2, _ado.Writes.Count);
    }

    [Fact]
    public async Task SyncAsync_Duplicate_IsDeletedToTheRecycleBin()
    {
        var kept = _ado.AddItem("User Story", "[FEAT-0001] Feature 1", "spec; FEAT-0001");
        var duplicate = _ado.AddItem("User Story", "[FEAT-0001] Feature 1", "spec; FEAT-0001");

        var summary = await SyncAsync([Spec(1)]);

        Assert.Equal([kept.Id], _ado.Items.Select(item => item.Id));
        Assert.Equal([duplicate.Id], _ado.RecycleBin.Select(item => item.Id));
        var delete = Assert.Single(_ado.Requests, request => request.Method == "DELETE");
        Assert.Equal($"/your-org/your-project/_apis/wit/workitems/{duplicate.Id}?api-version=7.1", delete.RawTarget);
        Assert.Contains($"retired duplicate {duplicate.Id}", summary.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_DuplicateAndNoDeletePermission_SetsItRemovedWithoutItsMarkerTag()
    {
        _ado.DeleteForbidden = true;
        _ado.AddItem("User Story", "[FEAT-0001] Feature 1", "spec; FEAT-0001");
        var duplicate = _ado.AddItem("User Story", "[FEAT-0001] Feature 1", "spec; FEAT-0001; customer-request");

        var summary = await SyncAsync([Spec(1)]);
        _ado.ClearRequests();
        var rerun = await SyncAsync([Spec(1)]);

        Assert.Equal("Removed", duplicate.Fields["System.State"]);
        Assert.Equal(["spec", "customer-request", "speccake-duplicate"], duplicate.Tags);
        Assert.Contains($"retired duplicate {duplicate.Id}", summary.Render(), StringComparison.Ordinal);
        Assert.Empty(_ado.Writes);
        Assert.Equal(1, rerun.Trackers.Single().Unchanged);
    }
}
