using System.Diagnostics;
using System.Globalization;
using SpecCake.Configuration;
using SpecCake.Specs;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

// SyncTrackers of N specs against each fake tracker with a fixed latency per call: requests per spec
// for a first sync and for an unchanged rerun, and wall time with bounded concurrency vs sequential.
var specCount = Argument("--specs", 500);
var latency = TimeSpan.FromMilliseconds(Argument("--latency-ms", 50));
var concurrency = Argument("--concurrency", 8);
var sequential = !args.Contains("--no-sequential");
var only = args.SkipWhile(arg => arg != "--only").Skip(1).FirstOrDefault()?.Split(',');

SpecStatus[] statuses = [SpecStatus.Draft, SpecStatus.Review, SpecStatus.Approved, SpecStatus.Implemented];
var specs = Enumerable.Range(1, specCount).Select(number => Spec(number, statuses[number % statuses.Length])).ToList();
var trackers = new (string Name, Func<LoopbackServer> Fake, Func<string, SpecCakeConfig> Config)[]
{
    ("jira", () => new FakeJira(), url => Config(jira: Jira(url))),
    ("linear", () => new FakeLinear(), url => Config(linear: Linear(url))),
    ("azure_devops", () => new FakeAzureDevOps(), url => Config(azureDevOps: AzureDevOps(url))),
    ("github_projects", () => new FakeGitHubProjects(), url => Config(gitHubProjects: GitHubProjects(url))),
};

// Warm up (JIT, Kestrel, HTTP pools) so the first tracker measured pays no start-up.
var measured = specs;
specs = specs.Take(8).ToList();
foreach (var tracker in trackers)
{
    await RunAsync(tracker.Fake, tracker.Config, concurrency, rerun: true, warmUp: true);
}

specs = measured;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"SyncTrackers benchmark: {specCount} specs, {latency.TotalMilliseconds:0} ms per call, concurrency {concurrency} per tracker"));
Console.WriteLine();
Console.WriteLine("| tracker | first sync: requests/spec (writes/spec) | rerun: requests/spec | rerun writes | first sync wall (x" + concurrency + ") | first sync wall (sequential) | speed-up | rerun wall |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var tracker in trackers.Where(tracker => only is null || only.Contains(tracker.Name)))
{
    var first = await RunAsync(tracker.Fake, tracker.Config, concurrency, rerun: true);
    var alone = sequential ? await RunAsync(tracker.Fake, tracker.Config, 1, rerun: false) : default;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {tracker.Name} | {first.Requests / (double)specCount:0.00} ({first.Writes / (double)specCount:0.00}) | {first.RerunRequests / (double)specCount:0.000} ({first.RerunRequests} total) | {first.RerunWrites} " +
        $"| {first.Wall.TotalSeconds:0.0} s | {(sequential ? $"{alone.Wall.TotalSeconds:0.0} s" : "-")} | {(sequential ? $"{alone.Wall / first.Wall:0.0}x" : "-")} | {first.RerunWall.TotalSeconds:0.00} s |"));
}

async Task<Result> RunAsync(Func<LoopbackServer> create, Func<string, SpecCakeConfig> config, int maxConcurrency, bool rerun, bool warmUp = false)
{
    await using var fake = create();
    fake.Latency = warmUp ? TimeSpan.Zero : latency;
    await fake.ListenAsync();
    var options = Options(concurrency: maxConcurrency);
    var clock = Stopwatch.StartNew();
    var summary = await TrackerSync.SyncAsync(config(fake.Origin), Environment(), specs, options);
    var wall = clock.Elapsed;
    Check(summary, specs.Count, created: true);
    var requests = fake.Requests.Count;
    var writes = fake.Writes.Count;
    if (!rerun)
    {
        return new Result(requests, writes, wall, 0, 0, TimeSpan.Zero);
    }

    fake.ClearRequests();
    clock.Restart();
    summary = await TrackerSync.SyncAsync(config(fake.Origin), Environment(), specs, options);
    var rerunWall = clock.Elapsed;
    Check(summary, specs.Count, created: false);
    return new Result(requests, writes, wall, fake.Requests.Count, fake.Writes.Count, rerunWall);
}

static void Check(TrackerSyncSummary summary, int count, bool created)
{
    var result = summary.Trackers.Single();
    if ((created ? result.Created : result.Unchanged) != count)
    {
        throw new InvalidOperationException("Unexpected outcome:\n" + summary.Render());
    }
}

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

internal readonly record struct Result(int Requests, int Writes, TimeSpan Wall, int RerunRequests, int RerunWrites, TimeSpan RerunWall);
