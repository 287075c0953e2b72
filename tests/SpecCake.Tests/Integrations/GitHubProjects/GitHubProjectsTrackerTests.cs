using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Integrations.GitHubProjects;

public sealed class GitHubProjectsTrackerTests : IAsyncLifetime
{
    private readonly FakeGitHubProjects _github = new();

    public Task InitializeAsync() => _github.ListenAsync();

    public Task DisposeAsync() => _github.DisposeAsync().AsTask();

    private Task<TrackerSyncSummary> SyncAsync(IReadOnlyList<Spec> specs, global::SpecCake.Integrations.GitHubProjects.GitHubProjectsOptions? options = null) =>
        TrackerSync.SyncAsync(Config(gitHubProjects: options ?? TrackerScenario.GitHubProjects(_github.Origin)), Environment(), specs, Options());

    [Fact]
    public async Task SyncAsync_FirstRun_AddsOneDraftPerSpecWithItsStatus()
    {
        var summary = await SyncAsync([Spec(1), Spec(2, SpecStatus.Approved)]);

        Assert.Equal(2, summary.Trackers.Single().Created);
        Assert.Equal(2, _github.Items.Count);
        var approved = _github.Items.Single(item => item.Title == "[FEAT-0002] Feature 2");
        Assert.Equal("Ready", _github.StatusOf(approved));
        Assert.Contains("- AC-2: Lockout after 5 attempts", approved.Body, StringComparison.Ordinal);
        Assert.Equal("Backlog", _github.StatusOf(_github.Items.Single(item => item.Title == "[FEAT-0001] Feature 1")));
        Assert.All(_github.Requests.Where(request => request.Path == "/graphql"), request => Assert.Equal("Bearer " + GitHubToken, request.Header("Authorization")));
    }

    [Fact]
    public async Task SyncAsync_SecondRunOverSeveralPages_SendsNoMutation()
    {
        _github.PageSize = 2;
        await SyncAsync(ManySpecs(5));
        _github.ClearRequests();

        var summary = await SyncAsync(ManySpecs(5));

        Assert.Empty(_github.Writes);
        Assert.Equal(5, summary.Trackers.Single().Unchanged);
        Assert.Equal(5, _github.Items.Count);
        // The project and its field, then three pages of items.
        Assert.Equal(4, _github.Requests.Count);
    }

    [Fact]
    public async Task SyncAsync_StatusChanged_SetsOnlyTheStatusField()
    {
        await SyncAsync([Spec(1)]);
        _github.ClearRequests();

        await SyncAsync([Spec(1, SpecStatus.Implemented)]);

        var write = Assert.Single(_github.Writes);
        Assert.Contains("updateProjectV2ItemFieldValue", write.Body, StringComparison.Ordinal);
        Assert.Equal("Done", _github.StatusOf(_github.Items.Single()));
    }

    [Fact]
    public async Task SyncAsync_UnknownStatusOption_FailsThatSpecNamingTheOptionAndSyncsOthers()
    {
        var options = TrackerScenario.GitHubProjects(_github.Origin) with
        {
            StatusMappings = new Dictionary<string, string> { ["draft"] = "Backlog", ["review"] = "Under Review" },
        };

        var summary = await SyncAsync([Spec(1), Spec(2, SpecStatus.Review)], options);

        var outcomes = summary.Trackers.Single().Outcomes;
        Assert.Equal(SpecSyncAction.Create, outcomes[0].Action);
        Assert.Equal(SpecSyncAction.Failed, outcomes[1].Action);
        Assert.Contains("option \"Under Review\" (status_mappings.review) does not exist in field \"Status\"", outcomes[1].Error, StringComparison.Ordinal);
        Assert.Single(_github.Items);
    }

    [Fact]
    public async Task SyncAsync_UnknownProject_FailsEverySpecWithAClearError()
    {
        var summary = await SyncAsync([Spec(1)], TrackerScenario.GitHubProjects(_github.Origin) with { ProjectNumber = 99 });

        Assert.Contains("project 99 of \"octo-org\" does not exist", summary.Trackers.Single().Outcomes.Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyEventAsync_PrCreated_ReplacesTheDraftWithThePullRequestItem()
    {
        const string url = "https://github.com/octo-org/specs-repo/pull/42";
        var pr = new PullRequestReference(42, url);
        _github.PullRequests[42] = new FakePullRequest("PR_kw42", url, "Implement user authentication", "spec/feat-0001");
        await SyncAsync([Spec(1, SpecStatus.Approved)]);

        await TrackerSync.ApplyEventAsync(Config(gitHubProjects: TrackerScenario.GitHubProjects(_github.Origin)), Environment(), Spec(1, SpecStatus.Approved), SpecEventKind.PrCreated, pr, Options());
        _github.ClearRequests();
        var rerun = await SyncAsync([Spec(1, SpecStatus.Approved)]);

        var item = Assert.Single(_github.Items);
        Assert.Equal(pr.Url, item.PullRequest?.Url);
        Assert.Equal("Ready", _github.StatusOf(item));
        Assert.Equal(1, rerun.Trackers.Single().Unchanged);
        Assert.Empty(_github.Writes);
    }

    [Fact]
    public async Task SyncAsync_NoOwnerOrApiUrlInConfig_TakesThemFromGitHubRepositoryAndGitHubApiUrl()
    {
        var environment = Environment();
        environment["GITHUB_API_URL"] = _github.Origin;
        var options = TrackerScenario.GitHubProjects(_github.Origin) with { Owner = null, ApiUrl = null };

        var summary = await TrackerSync.SyncAsync(Config(gitHubProjects: options), environment, [Spec(1)], Options());

        Assert.Equal(1, summary.Trackers.Single().Created);
        Assert.Contains("\"owner\":\"octo-org\"", _github.Requests[0].Body, StringComparison.Ordinal);
    }
}
