using SpecCake.Tests.TestSupport;
using Cake.Core;
using Cake.Core.Diagnostics;
using SpecCake.Aliases;
using SpecCake.Tests.Trackers.Fakes;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Aliases;

public sealed class SyncTrackersAliasTests : IAsyncLifetime, IDisposable
{
    private readonly FakeAzureDevOps _ado = new();
    private readonly TempFolder _folder = new("trackers");

    public async Task InitializeAsync()
    {
        await _ado.ListenAsync();
        Directory.CreateDirectory(Path.Combine(_folder.Path, "specs", "features"));
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "specs.config.yaml"), $$"""
            specs:
              paths: ["specs/**/*.yaml"]
            notifications:
              fail_on_error: true
            integrations:
              azure_devops:
                enabled: true
                organization: "${AZURE_DEVOPS_ORG}"
                project: "your-project"
                work_item_type: "User Story"
                area_path: "your-project\\Team"
                api_url: "{{_ado.Origin}}"
            """);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "specs", "features", "FEAT-0001.yaml"), """
            id: FEAT-0001
            title: User Authentication
            status: approved
            labels: [auth]
            description: |
              Sign in with email and password.
            acceptance_criteria:
              - id: AC-1
                text: Users can sign in with email and password
              - Users are locked out after 5 failed attempts
            """);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "specs", "features", "FEAT-0002.yaml"), """
            id: FEAT-0002
            title: Password reset
            status: draft
            """);
    }

    public Task DisposeAsync() => _ado.DisposeAsync().AsTask();

    public void Dispose() => _folder.Dispose();

    private TestCakeContext Context(params string[] arguments)
    {
        var variables = Environment().ToDictionary(pair => pair.Key, pair => pair.Value);
        variables["AZURE_DEVOPS_ORG"] = "your-org";
        return new TestCakeContext(_folder.Path, variables, arguments);
    }

    [Fact]
    public void SyncTrackers_ConfigAndSpecFiles_CreatesTheItemsThenLeavesThemAlone()
    {
        var first = Context();
        first.SyncTrackers(new SyncTrackersSettings());
        var writesAfterFirst = _ado.Writes.Count;
        var second = Context();
        second.SyncTrackers(new SyncTrackersSettings());

        Assert.Equal(2, _ado.Items.Count);
        Assert.Equal(2, writesAfterFirst);
        Assert.Equal(2, _ado.Writes.Count);
        var item = _ado.Items.Single(candidate => candidate.Tags.Contains("FEAT-0001"));
        Assert.Equal("spec; FEAT-0001; auth", item.Fields["System.Tags"]);
        Assert.Equal("Active", item.Fields["System.State"]);
        Assert.Equal("your-project\\Team", item.Fields["System.AreaPath"]);
        Assert.Contains("AC-2: Users are locked out after 5 failed attempts", item.Fields["System.Description"], StringComparison.Ordinal);
        Assert.Contains(second.Lines.All, line => line.Text == "azure_devops: 0 created, 0 updated, 2 unchanged, 0 failed");
    }

    [Fact]
    public void SyncTrackers_DryRunArgument_LogsThePlanAndWritesNothing()
    {
        var context = Context("dryrun");

        context.SyncTrackers(new SyncTrackersSettings { Spec = "FEAT-0002" });

        Assert.Empty(_ado.Writes);
        Assert.Contains(context.Lines.All, line => line.Text == "azure_devops: FEAT-0002 would create: title, description, labels, status, area_path");
    }

    [Fact]
    public void SyncTrackers_TrackerRejectsASpec_LogsTheErrorAndFailsTheTask()
    {
        _ado.Fail(request => request.Method == "POST" && request.Path.Contains("/workitems/", StringComparison.Ordinal), 400, times: 1,
            body: "{\"message\":\"TF401320: Rule Error for field Title\"}");
        var context = Context();

        var error = Assert.Throws<CakeException>(() => context.SyncTrackers(new SyncTrackersSettings()));

        Assert.Contains("1 spec(s) could not be synced", error.Message, StringComparison.Ordinal);
        Assert.Contains(context.Lines.All, line => line.Level == LogLevel.Error && line.Text.Contains("TF401320", StringComparison.Ordinal));
        Assert.Single(_ado.Items);
    }

    [Fact]
    public void NotifySpecEvent_SpecCreated_CreatesTheItemInTheEnabledTracker()
    {
        var context = Context();

        context.NotifySpecEvent("spec_created", "FEAT-0002");

        var item = Assert.Single(_ado.Items);
        Assert.Contains("FEAT-0002", item.Tags);
        Assert.Equal("New", item.Fields["System.State"]);
    }

    [Fact]
    public void NotifySpecEvent_PrMergedTwice_LinksThePullRequestOnce()
    {
        var settings = new NotifySpecEventSettings { Event = "pr_merged", Spec = "FEAT-0001", Pr = 42, PrUrl = "https://github.com/acme/widgets/pull/42" };

        Context().NotifySpecEvent(settings);
        Context().NotifySpecEvent(settings);

        var item = Assert.Single(_ado.Items);
        Assert.Single(item.Relations, relation => (string?)relation["url"] == "https://github.com/acme/widgets/pull/42");
    }

    [Fact]
    public void NotifySpecEvent_ImplementationStarted_LeavesTrackersAlone()
    {
        Context().NotifySpecEvent("implementation_started", "FEAT-0001");

        Assert.Empty(_ado.Requests);
    }
}
