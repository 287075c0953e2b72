using Cake.Core;
using Microsoft.AspNetCore.Http;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Discord;
using SpecCake.Integrations.Email;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Teams;
using SpecCake.Integrations.Webhooks;
using SpecCake.Tests.Integrations;

namespace SpecCake.Tests.Delivery;

public sealed class SecretMaskingTests
{
    // Distinctive values: any trace of them in the output is a leak.
    private const string SlackToken = "slkTOKEN4a1f9e";
    private const string TeamsSig = "tmsSIG7c2b11d0";
    private const string DiscordToken = "dscTOKEN93e0aa";
    private const string SmtpUser = "smtpUSER51d2";
    private const string SmtpPassword = "smtpPASS0b7c4e";
    private const string WebhookPath = "whPATH8d1c3f";
    private const string WebhookToken = "whTOKEN2e6a90";
    private const string WebhookApiKey = "whAPIKEY77f1b3";
    private const string WebhookSecret = "whHMAC4c9d21";
    private const string InterpolatedHeader = "tenantXY93kq";
    private const string LoaderSecret = "loaderMASK55aa";

    private static readonly string[] Secrets = [SlackToken, TeamsSig, DiscordToken, SmtpUser, SmtpPassword, WebhookPath, WebhookToken, WebhookApiKey, WebhookSecret, InterpolatedHeader, LoaderSecret];

    [Fact]
    public async Task NotifyAsync_ServersEchoSecretsInErrors_NoSecretInAnyOutput()
    {
        // A hostile-but-realistic server: rejects every request and echoes its path and headers back.
        await using var server = await LoopbackServer.StartAsync((_, request, context) =>
        {
            context.Response.StatusCode = 400;
            return context.Response.WriteAsync($"bad request to {request.PathAndQuery} auth={request.Headers.GetValueOrDefault("Authorization")} key={request.Headers.GetValueOrDefault("X-Api-Key")} tenant={request.Headers.GetValueOrDefault("X-Tenant")}");
        });
        using var folder = new TempFolder("summary");
        var summary = folder.Combine("summary.md");
        var environment = Environment(server, summary);
        var log = new RecordingLog();

        var report = await SpecEventNotifier.NotifyAsync(Config(server), TestData.Event(SpecEventKind.ImplementationFailed), TestData.Options(log, environment, retry: TestData.FastRetry with { MaxRetries = 0 }));

        Assert.Equal(5, report.Results.Count);
        Assert.All(report.Results, result => Assert.Equal(DeliveryStatus.Failed, result.Status));
        Assert.Contains("bad request to ***", log.Text, StringComparison.Ordinal);
        var output = log.Text + string.Join("\n", report.Results.Select(result => result.Reason)) + await File.ReadAllTextAsync(summary);
        AssertNoSecret(output);
    }

    [Fact]
    public async Task NotifyAsync_DryRunOfEveryChannel_NoSecretInAnyOutput()
    {
        await using var server = await LoopbackServer.StartAsync();
        var log = new RecordingLog();

        await SpecEventNotifier.NotifyAsync(Config(server), TestData.Event(SpecEventKind.ImplementationFailed), TestData.Options(log, Environment(server, null), dryRun: true));

        Assert.Empty(server.Requests);
        Assert.Equal(5, log.Lines.Count(line => line.Message.StartsWith("[dry run]", StringComparison.Ordinal)));
        Assert.Contains("X-Tenant: ***\n", log.Text, StringComparison.Ordinal);
        AssertNoSecret(log.Text);
    }

    [Fact]
    public void NotificationTaskRunner_DeliveriesFail_ExceptionMessageHasNoSecret()
    {
        var environment = Environment(null, null);
        var log = new RecordingLog();
        var runner = new NotificationTaskRunner(
            new NotificationInputs((_, _, _) => new LoadedConfig(Config(null), [LoaderSecret], []), _ => [TestData.Spec]),
            new NotificationHost(Path.GetTempPath(), environment, log, DryRun: false, TimeProvider.System, TestData.FastRetry with { MaxRetries = 0 }));

        // The error text carries a value only the configuration loader knew to be secret.
        var error = Assert.Throws<CakeException>(() => runner.Notify(new NotifySpecEventSettings { Event = "implementation_failed", Spec = "FEAT-0001", Error = $"token {LoaderSecret} rejected" }));

        Assert.StartsWith("NotifySpecEvent: 5 deliveries failed (slack: network error", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error.Message + log.Text);
    }

    [Fact]
    public void NotificationTaskRunner_DryRun_ValuesTheLoaderMarkedSecretAreMasked()
    {
        var log = new RecordingLog();
        var runner = new NotificationTaskRunner(
            new NotificationInputs((_, _, _) => new LoadedConfig(Config(null), [LoaderSecret], []), _ => [TestData.Spec]),
            new NotificationHost(Path.GetTempPath(), Environment(null, null), log, DryRun: true, TimeProvider.System));

        runner.Notify(new NotifySpecEventSettings { Event = "implementation_failed", Spec = "FEAT-0001", Error = $"token {LoaderSecret} rejected" });

        Assert.Contains("token *** rejected", log.Text, StringComparison.Ordinal);
        AssertNoSecret(log.Text);
    }

    [Fact]
    public async Task NotifyAsync_OpsgenieEchoesTheKeyAcrossTheCut_NoPrefixInTheLogOrTheStepSummary()
    {
        // The key starts 12 characters before the 300-character excerpt of the message ends.
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync($$"""{"message":"{{new string('.', 288)}}{{IncidentTestData.OpsgenieKey}} is not a valid GenieKey","took":0.001}""");
        });
        using var folder = new TempFolder("summary");
        var summary = folder.Combine("summary.md");
        var environment = IncidentTestData.Secrets();
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_STEP_SUMMARY"] = summary;
        var log = new RecordingLog();
        var config = TestData.Config(new IntegrationsOptions { Opsgenie = IncidentTestData.Opsgenie(server.BaseUrl.ToString()) });

        var report = await SpecEventNotifier.NotifyAsync(config, TestData.Event(SpecEventKind.ImplementationFailed), TestData.Options(log, environment));

        var result = Assert.Single(report.Results);
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.StartsWith("HTTP 401 Unauthorized: .....", result.Reason, StringComparison.Ordinal);
        var output = log.Text + "\n" + result.Reason + "\n" + await File.ReadAllTextAsync(summary);
        Assert.DoesNotContain(IncidentTestData.OpsgenieKey[..5], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_DryRunWithTheGuidesAnalyticsWebhook_TheUrlWrittenInTheConfigShownAsWrittenAndNothingMasked()
    {
        var config = TestData.Config(new IntegrationsOptions
        {
            Webhooks = new WebhooksOptions { Enabled = true, Endpoints = [TestData.Endpoint("analytics", "https://analytics.example.com/events", secret: WebhookSecret)] },
            Datadog = IncidentTestData.Datadog(null),
        });
        var log = new RecordingLog();

        await SpecEventNotifier.NotifyAsync(config, TestData.Event(SpecEventKind.ImplementationCompleted), TestData.Options(log, IncidentTestData.Secrets(), dryRun: true));

        Assert.Contains("[dry run] webhooks/analytics would send:\nPOST https://analytics.example.com/events\n", log.Text, StringComparison.Ordinal);
        Assert.Contains("[dry run] datadog/events would send:\nPOST https://api.datadoghq.com/api/v1/events\n", log.Text, StringComparison.Ordinal);
        Assert.Contains("[dry run] datadog/metrics would send:\nPOST https://api.datadoghq.com/api/v2/series\n", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("datadog***", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, log.Text, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(string output)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"the output contains the secret {secret}:\n{output}");
        }
    }

    private static string BaseUrl(LoopbackServer? server) => server?.BaseUrl.ToString().TrimEnd('/') ?? LoopbackServer.RefusingUrl().Replace("/hook", string.Empty, StringComparison.Ordinal);

    private static Dictionary<string, string?> Environment(LoopbackServer? server, string? summary) => new()
    {
        ["SLACK_WEBHOOK_URL"] = $"{BaseUrl(server)}/services/T000/B000/{SlackToken}",
        ["TEAMS_WEBHOOK_URL"] = $"{BaseUrl(server)}/workflows/invoke?sig={TeamsSig}",
        ["DISCORD_WEBHOOK_URL"] = $"{BaseUrl(server)}/api/webhooks/123/{DiscordToken}",
        ["SMTP_HOST"] = "127.0.0.1",
        ["SMTP_USER"] = SmtpUser,
        ["SMTP_PASSWORD"] = SmtpPassword,
        ["WEBHOOK_TENANT"] = InterpolatedHeader,
        ["GITHUB_ACTIONS"] = summary is null ? null : "true",
        ["GITHUB_STEP_SUMMARY"] = summary,
    };

    private static SpecCakeConfig Config(LoopbackServer? server)
    {
        SpecEventKind[] all = [.. Enum.GetValues<SpecEventKind>()];
        return TestData.Config(new IntegrationsOptions
        {
            Slack = new SlackOptions { Enabled = true, NotifyOn = all },
            Teams = new TeamsOptions { Enabled = true, NotifyOn = all, UseAdaptiveCards = true },
            Discord = new DiscordOptions { Enabled = true, NotifyOn = all },
            Email = new EmailOptions
            {
                Enabled = true,
                // Nothing listens there: the SMTP connection is refused.
                Smtp = new SmtpOptions { Port = new Uri(LoopbackServer.RefusingUrl()).Port, Secure = true },
                From = "specs@example.com",
                Recipients = new Dictionary<string, IReadOnlyList<string>> { ["implementation_failed"] = ["oncall@example.com"] },
            },
            Webhooks = new WebhooksOptions
            {
                Enabled = true,
                Endpoints =
                [
                    TestData.Endpoint(
                        "internal",
                        $"{BaseUrl(server)}/hooks/{WebhookPath}",
                        retryCount: 0,
                        secret: WebhookSecret,
                        headers: new Dictionary<string, string> { ["Authorization"] = $"Bearer {WebhookToken}", ["X-Api-Key"] = WebhookApiKey, ["X-Tenant"] = $"tenant {InterpolatedHeader}" }),
                ],
            },
        });
    }
}
