using System.Text.RegularExpressions;
using SpecCake.Specs;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Trackers;

/// <summary>
/// Two SyncTrackers runs at once (two quick pushes) against each tracker, interleaved for real: the
/// fake holds both runs' reads until both arrived, so neither sees the other's item before creating
/// its own. The runs must still end with exactly one live item per spec.
/// </summary>
public sealed partial class TrackerReconcilerTests
{
    public static TheoryData<string> Trackers() => [.. TrackerFake.Names];

    private static readonly Spec[] Specs = [Spec(1), Spec(2, SpecStatus.Approved), Spec(3, SpecStatus.Implemented)];

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task SyncAsync_TwoRunsAtOnce_EndWithOneLiveItemPerSpecAndReportTheRetiredDuplicates(string name)
    {
        var (tracker, fake) = await StartAsync(name, meet: true);
        await using var _ = fake;

        var runs = await Task.WhenAll(SyncAsync(tracker, fake, Specs), SyncAsync(tracker, fake, Specs));

        Assert.All(Specs, spec => Assert.Single(tracker.LiveItems(fake, spec)));
        Assert.All(runs, run => Assert.False(run.HasFailures, run.Render()));
        // Each spec had one duplicate, retired by one of the two runs (the other finds it gone).
        Assert.True(Specs.Length == runs.Sum(run => RetiredIn(run.Render())), string.Join("\n", runs.Select(run => run.Render()).Concat(fake.Requests.Select(Line))));
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task SyncAsync_RerunAfterTwoRunsAtOnce_WritesNothing(string name)
    {
        var (tracker, fake) = await StartAsync(name, meet: true);
        await using var _ = fake;

        await Task.WhenAll(SyncAsync(tracker, fake, Specs), SyncAsync(tracker, fake, Specs));
        fake.ClearRequests();
        var rerun = await SyncAsync(tracker, fake, Specs);

        Assert.Empty(fake.Writes);
        Assert.Equal(Specs.Length, rerun.Trackers.Single().Unchanged);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task SyncAsync_DuplicatesMadeByAnotherRun_KeepsTheOldestAndRetiresTheOthers(string name)
    {
        var (tracker, fake) = await StartAsync(name);
        await using var _ = fake;
        var oldest = tracker.AddItem(fake, Spec(1));
        var newer = tracker.AddItem(fake, Spec(1));
        var newest = tracker.AddItem(fake, Spec(1));

        var summary = await SyncAsync(tracker, fake, [Spec(1)]);

        Assert.Equal([oldest], tracker.LiveItems(fake, Spec(1)));
        var outcome = summary.Trackers.Single().Outcomes.Single();
        Assert.Equal(oldest, outcome.ItemKey);
        Assert.Contains($"{name}: FEAT-0001 updated ({oldest})", summary.Render(), StringComparison.Ordinal);
        Assert.Contains($"retired duplicates {newer}, {newest}", summary.Render(), StringComparison.Ordinal);
        Assert.Contains($"{name}: 0 created, 1 updated, 0 unchanged, 0 failed, 2 duplicates retired", summary.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncAsync_NewerItemCarryingTheMarkerButNotSpecCakesTitle_IsLeftAlone()
    {
        await using var ado = new FakeAzureDevOps();
        await ado.ListenAsync();
        var kept = ado.AddItem("User Story", "[FEAT-0001] Feature 1", "spec; FEAT-0001");
        // A person's story tagged with the spec it relates to: not a copy SpecCake made.
        var related = ado.AddItem("User Story", "Sign-in telemetry", "FEAT-0001; telemetry");

        var summary = await TrackerSync.SyncAsync(Config(azureDevOps: AzureDevOps(ado.Origin)), Environment(), [Spec(1)], Options());

        Assert.Equal([kept.Id, related.Id], ado.Items.Select(item => item.Id));
        Assert.Equal("New", related.Fields["System.State"]);
        Assert.DoesNotContain("retire", summary.Render(), StringComparison.Ordinal);
        Assert.DoesNotContain(ado.Requests, request => request.Method == "DELETE");
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task SyncAsync_TwoRunsRetireTheSameDuplicateAtOnce_BothSucceed(string name)
    {
        var (tracker, fake) = await StartAsync(name);
        await using var _ = fake;
        var oldest = tracker.AddItem(fake, Spec(1));
        tracker.AddItem(fake, Spec(1));
        // Both runs read before either retires: both try to retire the same duplicate.
        fake.Meet(tracker.Finds[0]);

        var runs = await Task.WhenAll(SyncAsync(tracker, fake, [Spec(1)]), SyncAsync(tracker, fake, [Spec(1)]));

        Assert.Equal([oldest], tracker.LiveItems(fake, Spec(1)));
        Assert.All(runs, run => Assert.False(run.HasFailures, run.Render()));
        Assert.Equal(1, runs.Sum(run => RetiredIn(run.Render())));
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task SyncAsync_DryRunWithDuplicates_ReportsWhatWouldBeRetiredAndWritesNothing(string name)
    {
        var (tracker, fake) = await StartAsync(name);
        await using var _ = fake;
        var oldest = tracker.AddItem(fake, Spec(1));
        var newer = tracker.AddItem(fake, Spec(1));
        fake.ClearRequests();

        var summary = await TrackerSync.SyncAsync(tracker.Config(fake.Origin), Environment(), [Spec(1)], Options(dryRun: true));

        Assert.Empty(fake.Writes);
        Assert.Contains($"({oldest})", summary.Render(), StringComparison.Ordinal);
        Assert.Contains($"would retire duplicate {newer}", summary.Render(), StringComparison.Ordinal);
        Assert.Equal(2, tracker.LiveItems(fake, Spec(1)).Count);
    }

    // The tracker's fake, listening; with meet, two runs' first reads of each kind are answered together.
    private static async Task<(TrackerFake Tracker, LoopbackServer Fake)> StartAsync(string name, bool meet = false)
    {
        var tracker = TrackerFake.Named(name);
        var fake = tracker.Create();
        await fake.ListenAsync();
        foreach (var find in meet ? tracker.Finds : [])
        {
            fake.Meet(find);
        }

        return (tracker, fake);
    }

    private static Task<TrackerSyncSummary> SyncAsync(TrackerFake tracker, LoopbackServer fake, IReadOnlyList<Spec> specs) =>
        TrackerSync.SyncAsync(tracker.Config(fake.Origin), Environment(), specs, Options());

    // What arrived, for the failure message: method, path and GraphQL operation.
    private static string Line(RecordedRequest request) =>
        $"{request.ReceivedAt:HH:mm:ss.fff} {request.Method} {request.Path} {Operation().Match(request.Body).Groups[1].Value}";

    private static int RetiredIn(string summary) =>
        Retired().Matches(summary).Sum(match => match.Groups[1].Value.Split(", ").Length);

    [GeneratedRegex(@"; retired duplicates? ([^\n]+)")]
    private static partial Regex Retired();

    [GeneratedRegex(@"(?:query|mutation) (\w+)")]
    private static partial Regex Operation();
}
