using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Trackers;

public sealed class TrackerSyncTests : IAsyncLifetime
{
    private readonly FakeJira _jira = new();
    private readonly FakeAzureDevOps _ado = new();

    public async Task InitializeAsync()
    {
        await _jira.ListenAsync();
        await _ado.ListenAsync();
    }

    public async Task DisposeAsync()
    {
        await _jira.DisposeAsync();
        await _ado.DisposeAsync();
    }

    [Fact]
    public async Task SyncAsync_OneTrackerMissingItsSecret_OtherTrackersStillSync()
    {
        var environment = Environment();
        environment.Remove("JIRA_API_TOKEN");

        var summary = await TrackerSync.SyncAsync(Config(jira: Jira(_jira.Origin), azureDevOps: AzureDevOps(_ado.Origin)), environment, ManySpecs(2), Options());

        Assert.Equal(["jira", "azure_devops"], summary.Trackers.Select(tracker => tracker.Tracker));
        Assert.All(summary.Trackers[0].Outcomes, outcome => Assert.Equal("integrations.jira is enabled but the secret JIRA_API_TOKEN is not set; add it to the repository's secrets and pass it to the job's env, or set enabled: false", outcome.Error));
        Assert.Equal(2, summary.Trackers[1].Created);
        Assert.True(summary.HasFailures);
        Assert.Empty(_jira.Requests);
    }

    [Fact]
    public async Task SyncAsync_TwoTrackers_SummaryCountsEachTracker()
    {
        var config = Config(jira: Jira(_jira.Origin), azureDevOps: AzureDevOps(_ado.Origin));
        // One at a time, so work item IDs follow spec order.
        await TrackerSync.SyncAsync(config, Environment(), ManySpecs(2), Options(concurrency: 1));

        var summary = await TrackerSync.SyncAsync(config, Environment(), [Spec(1), Spec(2) with { Title = "New title" }, Spec(3)], Options());

        var text = summary.Render();
        Assert.Contains("jira: 1 created, 1 updated, 1 unchanged, 0 failed", text, StringComparison.Ordinal);
        Assert.Contains("azure_devops: 1 created, 1 updated, 1 unchanged, 0 failed", text, StringComparison.Ordinal);
        Assert.Contains("azure_devops: FEAT-0002 updated (2): title", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FEAT-0001 unchanged", text, StringComparison.Ordinal);
        Assert.False(summary.HasFailures);
    }

    [Fact]
    public async Task SyncAsync_ManySpecs_KeepsAtMostTheConfiguredRequestsInFlight()
    {
        _jira.Latency = TimeSpan.FromMilliseconds(20);

        await TrackerSync.SyncAsync(Config(jira: Jira(_jira.Origin)), Environment(), ManySpecs(12), Options(concurrency: 3));

        Assert.Equal(12, _jira.Issues.Count);
        Assert.InRange(_jira.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task ApplyEventAsync_EventThatDoesNotDriveTrackers_SendsNothing()
    {
        var summary = await TrackerSync.ApplyEventAsync(
            Config(jira: Jira(_jira.Origin)), Environment(), Spec(1), SpecEventKind.ImplementationFailed, null, Options());

        Assert.Empty(summary.Trackers);
        Assert.Empty(_jira.Requests);
        Assert.False(TrackerSync.DrivesTrackers(SpecEventKind.ImplementationFailed));
        Assert.True(TrackerSync.DrivesTrackers(SpecEventKind.PrMerged));
    }

    [Fact]
    public async Task ApplyEventAsync_SpecCreated_CreatesTheItemInEveryEnabledTracker()
    {
        var summary = await TrackerSync.ApplyEventAsync(
            Config(jira: Jira(_jira.Origin), azureDevOps: AzureDevOps(_ado.Origin)), Environment(), Spec(1), SpecEventKind.SpecCreated, null, Options());

        Assert.All(summary.Trackers, tracker => Assert.Equal(1, tracker.Created));
        Assert.Single(_jira.Issues);
        Assert.Single(_ado.Items);
    }

    [Fact]
    public async Task ApplyEventAsync_SpecApprovedForAnImplementedSpec_DoesNotMoveItBack()
    {
        await TrackerSync.SyncAsync(Config(jira: Jira(_jira.Origin)), Environment(), [Spec(1, SpecStatus.Implemented)], Options());

        await TrackerSync.ApplyEventAsync(Config(jira: Jira(_jira.Origin)), Environment(), Spec(1, SpecStatus.Implemented), SpecEventKind.SpecApproved, null, Options());

        Assert.Equal("Done", _jira.Issues.Single().StatusName);
    }
}
