using Cake.Core;
using Cake.Core.Diagnostics;
using SpecCake.Aliases;
using SpecCake.Specs;
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

    private readonly FakeJira _jira = new();
    private readonly SpecRepository _tree = new();
    private LoopbackServer _hook = null!;

    public async Task InitializeAsync()
    {
        await _jira.ListenAsync();
        _hook = await LoopbackServer.StartAsync();
        _tree.Write("specs.config.yaml", $$"""
                specs:
                  paths: ["specs/**/*.yaml"]
                integrations:
                  slack:
                    enabled: true
                    notify_on: ["spec_approved", "implementation_failed"]
                  jira:
                    enabled: true
                    base_url: "https://acme.atlassian.net"
                    api_url: "{{_jira.Origin}}"
                    project_key: "PROJ"
                  webhooks:
                    enabled: true
                    endpoints:
                      - name: "analytics"
                        url: "{{_hook.Url("/events")}}"
                        events: ["spec_approved"]
                        secret: "${WEBHOOK_SECRET_ANALYTICS}"
                """)
            .Write("specs/features/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001", "approved"));
    }

    public async Task DisposeAsync()
    {
        await _jira.DisposeAsync();
        await _hook.DisposeAsync();
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void SyncTrackers_OnlyTheJiraCredentialsSet_SyncsWithoutAskingForSlackOrTheWebhook()
    {
        var context = Context(new() { ["JIRA_EMAIL"] = JiraEmail, ["JIRA_API_TOKEN"] = JiraToken });

        context.SyncTrackers(new SyncTrackersSettings());

        Assert.Single(_jira.Issues);
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
        Assert.Contains($"POST {_hook.Url("/events")}", text, StringComparison.Ordinal);
        foreach (var name in new[] { "SLACK_WEBHOOK_URL", "WEBHOOK_SECRET_ANALYTICS", "JIRA_EMAIL", "JIRA_API_TOKEN" })
        {
            Assert.Contains(context.Lines.All, line => line.Text.Trim() == $"gh secret set {name}");
        }

        Assert.Contains(context.Lines.All, line => line.Text.StartsWith("jira: FEAT-0001 would create", StringComparison.Ordinal));
        Assert.DoesNotContain(context.Lines.All, line => line.Level == LogLevel.Error);
        Assert.Empty(_jira.Requests);
        Assert.Empty(_hook.Requests);
    }

    [Fact]
    public void SyncTrackers_AtlassianSiteWithATokenButNoEmail_FailsNamingJiraEmailBeforeAnyRequest()
    {
        // Every other secret is set, so that without the fix Jira is reached (and taken for Jira Server).
        var context = Context(new() { ["JIRA_API_TOKEN"] = JiraToken, ["SLACK_WEBHOOK_URL"] = _hook.Url("/slack"), ["WEBHOOK_SECRET_ANALYTICS"] = HmacSecret });

        var error = Assert.Throws<CakeException>(() => context.SyncTrackers(new SyncTrackersSettings()));

        var text = error.Message + "\n" + string.Join("\n", context.Lines.All.Select(line => line.Text));
        Assert.Contains("JIRA_EMAIL", text, StringComparison.Ordinal);
        Assert.Contains("Jira Cloud", text, StringComparison.Ordinal);
        Assert.Empty(_jira.Requests);
    }

    [Fact]
    public void TestIntegrations_OnlyOneWebhookEndpoint_SendsToItAloneWithoutAskingForOtherSecrets()
    {
        var context = Context(new() { ["WEBHOOK_SECRET_ANALYTICS"] = HmacSecret });

        context.TestIntegrations(new TestIntegrationsSettings { Only = { "webhooks/analytics" } });

        var request = Assert.Single(_hook.Requests);
        Assert.Equal("test", request.Header("X-SpecCake-Event"));
        Assert.StartsWith("sha256=", request.Header("X-Signature-256"), StringComparison.Ordinal);
    }

    [Fact]
    public void TestIntegrations_OnlyJira_IsAcceptedAndTheSummarySaysHowTrackersAreChecked()
    {
        var context = Context([]);

        context.TestIntegrations(new TestIntegrationsSettings { Only = { "jira" } });

        Assert.Contains(context.Lines.All, line => line.Text.Contains("jira", StringComparison.Ordinal) && line.Text.Contains("CheckIntegrations checks it", StringComparison.Ordinal));
        Assert.Empty(_jira.Requests);
        Assert.Empty(_hook.Requests);
    }

    [Fact]
    public void NotifySpecEvent_EventOnlyJiraAndNoNotifierHears_SendsWithOnlyTheJiraCredentials()
    {
        var context = Context(new() { ["JIRA_EMAIL"] = JiraEmail, ["JIRA_API_TOKEN"] = JiraToken });

        // spec_created: Slack and the webhook do not subscribe to it; Jira creates the spec's issue.
        context.NotifySpecEvent(new NotifySpecEventSettings { Event = "spec_created", Spec = "FEAT-0001" });

        Assert.Single(_jira.Issues);
        Assert.Empty(_hook.Requests);
        Assert.DoesNotContain(context.Lines.All, line => line.Text.Contains("SLACK_WEBHOOK_URL", StringComparison.Ordinal));
    }

    [Fact]
    public void NotifySpecEvent_SecretsOfSubscribersMissing_OneErrorALineNamesUnmaskedAndNoValidateSpecsHint()
    {
        var context = Context([]);

        var error = Assert.Throws<CakeException>(() => context.NotifySpecEvent(new NotifySpecEventSettings { Event = "spec_approved", Spec = "FEAT-0001" }));

        var errors = context.Lines.All.Where(line => line.Level == LogLevel.Error).Select(line => line.Text).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, line => line.EndsWith("specs.config.yaml:5:14: integrations.slack is enabled but the secret SLACK_WEBHOOK_URL is not set; add it to the repository's secrets and pass it to the job's env, or set enabled: false", StringComparison.Ordinal));
        Assert.Contains(errors, line => line.EndsWith("specs.config.yaml:8:14: integrations.jira is enabled but the secrets JIRA_EMAIL and JIRA_API_TOKEN are not set (Jira Cloud at acme.atlassian.net signs in with JIRA_EMAIL and JIRA_API_TOKEN); add them to the repository's secrets and pass them to the job's env, or set enabled: false", StringComparison.Ordinal));
        Assert.Contains(errors, line => line.EndsWith("specs.config.yaml:18:17: integrations.webhooks.endpoints[0].secret (integrations.webhooks is enabled) refers to ${WEBHOOK_SECRET_ANALYTICS}, but the environment variable WEBHOOK_SECRET_ANALYTICS is not set; set it (e.g. a repository secret passed to the job's env) or remove the reference", StringComparison.Ordinal));
        Assert.Equal("NotifySpecEvent: the secrets SLACK_WEBHOOK_URL, JIRA_EMAIL, JIRA_API_TOKEN and WEBHOOK_SECRET_ANALYTICS are not set (see above)", error.Message);
        Assert.Empty(_jira.Requests);
        Assert.Empty(_hook.Requests);
    }

    [Fact]
    public void ValidateSpecs_ValidConfigWithoutAnySecret_SaysValidWhereTheTasksErrorsWouldHaveSentUsers()
    {
        var context = Context([]);

        context.ValidateSpecs(new ValidateSpecsSettings());

        Assert.Contains(context.Lines.All, line => line.Text == "1 spec file(s) and specs.config.yaml are valid.");
        Assert.DoesNotContain(context.Lines.All, line => line.Level is LogLevel.Error or LogLevel.Warning);
    }

    [Fact]
    public void TestIntegrations_NoOnly_TheSummaryHasARowForTheTrackerSayingHowItIsChecked()
    {
        var context = Context(new() { ["SLACK_WEBHOOK_URL"] = _hook.Url("/slack"), ["WEBHOOK_SECRET_ANALYTICS"] = HmacSecret });

        context.TestIntegrations(new TestIntegrationsSettings());

        Assert.Equal(["/slack", "/events"], _hook.Requests.Select(request => request.Path).Order().Reverse());
        Assert.Contains(context.Lines.All, line => line.Text.Contains("\njira ", StringComparison.Ordinal)
            && line.Text.Contains("a tracker gets no test message: CheckIntegrations checks it, read-only", StringComparison.Ordinal));
        Assert.Empty(_jira.Requests);
    }

    [Fact]
    public void SyncTrackers_AtlassianSiteWithNeitherEmailNorToken_OneErrorNamesBoth()
    {
        var context = Context([]);

        var error = Assert.Throws<CakeException>(() => context.SyncTrackers(new SyncTrackersSettings()));

        Assert.Equal("SyncTrackers: the secrets JIRA_EMAIL and JIRA_API_TOKEN are not set (see above)", error.Message);
        var line = Assert.Single(context.Lines.All, line => line.Level == LogLevel.Error).Text;
        Assert.Contains("integrations.jira is enabled but the secrets JIRA_EMAIL and JIRA_API_TOKEN are not set (Jira Cloud at acme.atlassian.net signs in with JIRA_EMAIL and JIRA_API_TOKEN)", line, StringComparison.Ordinal);
        Assert.Empty(_jira.Requests);
    }

    [Fact]
    public void SyncTrackers_DryRunWithoutJirasSecrets_SaysItCannotReadJiraAndWhatItWouldCreate()
    {
        var context = Context([]);

        context.SyncTrackers(new SyncTrackersSettings { DryRun = true });

        Assert.Contains(context.Lines.All, line => line.Text == "jira: FEAT-0001 would create, unless jira already has it (not read: JIRA_EMAIL and JIRA_API_TOKEN are not set)");
        Assert.Contains(context.Lines.All, line => line.Text == "jira: not read (JIRA_EMAIL and JIRA_API_TOKEN are not set): would create up to 1, or update those it has (dry run)");
        Assert.Contains(context.Lines.All, line => line.Text.Trim() == "gh secret set JIRA_EMAIL");
        Assert.Empty(_jira.Requests);
    }

    private TestCakeContext Context(Dictionary<string, string?> secrets)
    {
        secrets["GITHUB_REPOSITORY"] = "octo-org/specs-repo";
        secrets["GITHUB_SERVER_URL"] = "https://github.com";
        return new TestCakeContext(_tree.Path, secrets);
    }
}
