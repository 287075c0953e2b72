using Cake.Core;
using Cake.Core.Diagnostics;
using SpecCake.Aliases;
using SpecCake.Specs;
using SpecCake.Tests.Specs;
using SpecCake.Tests.TestSupport;
using SpecCake.Tests.Trackers.Fakes;

namespace SpecCake.Tests.Configuration;

/// <summary>
/// A new user's repository with Slack, Jira Cloud and one signed webhook enabled: each task asks only
/// for the secrets of what it uses, and a dry run asks for none.
/// </summary>
public sealed class SecretsByNeedTests : IAsyncLifetime, IDisposable
{
    private const string JiraEmail = "bot@example.com";
    private const string JiraToken = "jira-token-5ecret";
    private const string HmacSecret = "hmac-5ecret-analytics";

    private readonly FakeJira jira = new();
    private readonly SpecTree tree = new();
    private LoopbackServer hook = null!;

    public async Task InitializeAsync()
    {
        await jira.ListenAsync();
        hook = await LoopbackServer.StartAsync();
        tree.Write("specs.config.yaml", $$"""
                specs:
                  paths: ["specs/**/*.yaml"]
                integrations:
                  slack:
                    enabled: true
                    notify_on: ["spec_approved", "implementation_failed"]
                  jira:
                    enabled: true
                    base_url: "https://acme.atlassian.net"
                    api_url: "{{jira.Origin}}"
                    project_key: "PROJ"
                  webhooks:
                    enabled: true
                    endpoints:
                      - name: "analytics"
                        url: "{{hook.Url("/events")}}"
                        events: ["spec_approved"]
                        secret: "${WEBHOOK_SECRET_ANALYTICS}"
                """)
            .Write("specs/features/FEAT-0001.yaml", SpecTree.ValidSpec("FEAT-0001", "approved"));
    }

    public async Task DisposeAsync()
    {
        await jira.DisposeAsync();
        await hook.DisposeAsync();
    }

    public void Dispose() => tree.Dispose();

    [Fact]
    public void SyncTrackers_OnlyTheJiraCredentialsSet_SyncsWithoutAskingForSlackOrTheWebhook()
    {
        var context = Context(new() { ["JIRA_EMAIL"] = JiraEmail, ["JIRA_API_TOKEN"] = JiraToken });

        context.SyncTrackers(new SyncTrackersSettings());

        Assert.Single(jira.Issues);
        Assert.Contains(context.Lines.All, line => line.Text == "jira: 1 created, 0 updated, 0 unchanged, 0 failed");
        Assert.DoesNotContain(context.Lines.All, line => line.Text.Contains("SLACK_WEBHOOK_URL", StringComparison.Ordinal) || line.Text.Contains("WEBHOOK_SECRET_ANALYTICS", StringComparison.Ordinal));
    }

    [Fact]
    public void NotifySpecEvent_DryRunWithNoSecretAtAll_SucceedsShowsWhereEachGoesAndListsThemWithTheirGhLines()
    {
        var context = Context([]);

        context.NotifySpecEvent(new NotifySpecEventSettings { Event = "spec_approved", Spec = "FEAT-0001", DryRun = true });

        var text = string.Join("\n", context.Lines.All.Select(line => line.Text));
        Assert.Contains("POST <SLACK_WEBHOOK_URL not set>", text, StringComparison.Ordinal);
        Assert.Contains($"POST {hook.Url("/events")}", text, StringComparison.Ordinal);
        foreach (var name in new[] { "SLACK_WEBHOOK_URL", "WEBHOOK_SECRET_ANALYTICS", "JIRA_EMAIL", "JIRA_API_TOKEN" })
        {
            Assert.Contains(context.Lines.All, line => line.Text.Trim() == $"gh secret set {name}");
        }

        Assert.Contains(context.Lines.All, line => line.Text.StartsWith("jira: FEAT-0001 would create", StringComparison.Ordinal));
        Assert.DoesNotContain(context.Lines.All, line => line.Level == LogLevel.Error);
        Assert.Empty(jira.Requests);
        Assert.Empty(hook.Requests);
    }

    [Fact]
    public void SyncTrackers_AtlassianSiteWithATokenButNoEmail_FailsNamingJiraEmailBeforeAnyRequest()
    {
        var context = Context(new() { ["JIRA_API_TOKEN"] = JiraToken });

        var error = Assert.Throws<CakeException>(() => context.SyncTrackers(new SyncTrackersSettings()));

        var text = error.Message + "\n" + string.Join("\n", context.Lines.All.Select(line => line.Text));
        Assert.Contains("JIRA_EMAIL", text, StringComparison.Ordinal);
        Assert.Contains("Jira Cloud", text, StringComparison.Ordinal);
        Assert.Empty(jira.Requests);
    }

    [Fact]
    public void TestIntegrations_OnlyOneWebhookEndpoint_SendsToItAloneWithoutAskingForOtherSecrets()
    {
        var context = Context(new() { ["WEBHOOK_SECRET_ANALYTICS"] = HmacSecret });

        context.TestIntegrations(new TestIntegrationsSettings { Only = { "webhooks/analytics" } });

        var request = Assert.Single(hook.Requests);
        Assert.Equal("test", request.Header("X-SpecCake-Event"));
        Assert.StartsWith("sha256=", request.Header("X-Signature-256"), StringComparison.Ordinal);
    }

    [Fact]
    public void TestIntegrations_OnlyJira_IsAcceptedAndTheSummarySaysHowTrackersAreChecked()
    {
        var context = Context([]);

        context.TestIntegrations(new TestIntegrationsSettings { Only = { "jira" } });

        Assert.Contains(context.Lines.All, line => line.Text.Contains("jira", StringComparison.Ordinal) && line.Text.Contains("SyncTrackers --dryrun", StringComparison.Ordinal));
        Assert.Empty(jira.Requests);
        Assert.Empty(hook.Requests);
    }

    private TestCakeContext Context(Dictionary<string, string?> secrets)
    {
        secrets["GITHUB_REPOSITORY"] = "octo-org/specs-repo";
        secrets["GITHUB_SERVER_URL"] = "https://github.com";
        return new TestCakeContext(tree.Root, secrets);
    }
}
