using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpecCake.Checks;
using SpecCake.Tests.Integrations;
using SpecCake.Tests.Integrations.Email;

namespace SpecCake.Tests.Checks;

/// <summary>
/// CheckIntegrations' checks of the notification services against loopback servers shaped like them
/// (Datadog's validate endpoint, a Discord webhook, Opsgenie's alert list, a real SMTP server): the
/// passing and the failing case of each, and never a message, an event or an alert sent.
/// </summary>
public sealed class NotifierChecksTests
{
    private const string DatadogKey = "dd0123456789abcdef0123456789abcd";
    private const string OpsgenieKey = "og-5ecret-0000-1111";
    private const string DiscordPath = "/api/webhooks/1234567890/hook-5ecret-token";

    [Fact]
    public async Task CheckIntegrations_DatadogKeyValid_PassesWithOneGetOfValidate()
    {
        await using var datadog = await Datadog();
        using var scenario = new CheckScenario(DatadogConfig(datadog.Origin), new() { ["DATADOG_API_KEY"] = DatadogKey, ["DATADOG_APP_KEY"] = "app-5ecret" });

        var report = scenario.Check();

        report.AllPassed();
        Assert.Equal("DATADOG_API_KEY is valid at 127.0.0.1", report.Row("datadog", "API key").Outcome.Detail);
        var request = Assert.Single(datadog.Requests);
        Assert.Equal("GET /api/v1/validate", request.ToString());
        Assert.Equal(DatadogKey, request.Header("DD-API-KEY"));
    }

    [Fact]
    public async Task CheckIntegrations_DatadogKeyOfAnotherSite_FailsSayingToCheckTheSite()
    {
        await using var datadog = await Datadog();
        using var scenario = new CheckScenario(DatadogConfig(datadog.Origin), new() { ["DATADOG_API_KEY"] = "dd-key-of-the-eu-site", ["DATADOG_APP_KEY"] = "app-5ecret" });

        var row = scenario.Check().Row("datadog", "API key");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.StartsWith("datadog: GET /api/v1/validate answered 403 Forbidden", row.Outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("EU accounts use datadoghq.eu", row.Outcome.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIntegrations_DiscordWebhookExists_NamesItsNameAndChannelAndPostsNothing()
    {
        await using var discord = await Discord();
        using var scenario = new CheckScenario(SimpleConfig("discord"), new() { ["DISCORD_WEBHOOK_URL"] = discord.Url(DiscordPath) });

        var report = scenario.Check();

        report.AllPassed();
        Assert.Equal("webhook \"Spec Bot\" of channel 199737254929760256 (server 199737254929760257)", report.Row("discord", "webhook").Outcome.Detail);
        Assert.All(discord.Requests, request => Assert.Equal("GET", request.Method));
        Assert.DoesNotContain("hook-5ecret-token", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIntegrations_DiscordWebhookDeleted_FailsSayingToCreateOneAndNeverShowsTheToken()
    {
        await using var discord = await Discord();
        using var scenario = new CheckScenario(SimpleConfig("discord"), new() { ["DISCORD_WEBHOOK_URL"] = discord.Url("/api/webhooks/999/gone-5ecret-token") });

        var report = scenario.Check();

        var row = report.Row("discord", "webhook");
        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Contains("answered 404 Not Found", row.Outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("Unknown Webhook", row.Outcome.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Discord does not know this webhook", row.Outcome.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("gone-5ecret-token", report.ToTable(), StringComparison.Ordinal);
        Assert.DoesNotContain("gone-5ecret-token", scenario.Log.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OpsgenieKey, "passed")]
    [InlineData("og-create-only-key", "warning")]
    [InlineData("og-unknown-key", "FAILED")]
    public async Task CheckIntegrations_OpsgenieKey_ReadableWarnsWithoutReadRightFailsUnknown(string key, string expected)
    {
        await using var opsgenie = await Opsgenie();
        using var scenario = new CheckScenario(SimpleConfig("opsgenie", $"api_url: \"{opsgenie.Origin}\""), new() { ["OPSGENIE_API_KEY"] = key });

        var row = scenario.Check().Row("opsgenie", "API key");

        Assert.Equal(expected, CheckReport.Describe(row.Outcome.Result));
        var request = Assert.Single(opsgenie.Requests);
        Assert.Equal("GET /v2/alerts?limit=1", request.ToString());
        Assert.Equal("GenieKey " + key, request.Header("Authorization"));
        if (expected == "warning")
        {
            Assert.Equal("127.0.0.1 knows the key, but it has no Read access right, so nothing can be checked without creating an alert", row.Outcome.Detail);
        }
    }

    [Fact]
    public async Task CheckIntegrations_EmailWithStartTls_ConnectsUpgradesSignsInAndQuitsWithoutAMessage()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync(startTls: true, requiredLogin: ("specs-bot", "smtp-5ecret"));
        using var scenario = new CheckScenario(EmailConfig(smtp.Port), new() { ["SMTP_USER"] = "specs-bot", ["SMTP_PASSWORD"] = "smtp-5ecret" })
        {
            ServerCertificateValidation = EmailNotifierTests.TrustOnly(smtp),
        };

        var report = scenario.Check();

        report.AllPassed();
        Assert.StartsWith($"127.0.0.1:{smtp.Port}, TLS (STARTTLS, Tls", report.Row("email", "SMTP sign-in").Outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(["EHLO", "STARTTLS", "EHLO", "AUTH", "QUIT"], smtp.Commands);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task CheckIntegrations_EmailWrongPassword_FailsNamingTheSecretsAndSendsNoMessage()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync(startTls: true, requiredLogin: ("specs-bot", "smtp-5ecret"));
        using var scenario = new CheckScenario(EmailConfig(smtp.Port), new() { ["SMTP_USER"] = "specs-bot", ["SMTP_PASSWORD"] = "not-the-password" })
        {
            ServerCertificateValidation = EmailNotifierTests.TrustOnly(smtp),
        };

        var row = scenario.Check().Row("email", "SMTP sign-in");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.StartsWith($"127.0.0.1:{smtp.Port} refused the sign-in", row.Outcome.Detail, StringComparison.Ordinal);
        Assert.StartsWith("check SMTP_USER and SMTP_PASSWORD", row.Outcome.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain(smtp.Commands, command => command is "MAIL" or "RCPT" or "DATA");
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task CheckIntegrations_EmailSecureButNoStartTls_FailsSayingWhichPortsTakeTls()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync(startTls: false, requiredLogin: null);
        using var scenario = new CheckScenario(EmailConfig(smtp.Port), new() { ["SMTP_USER"] = "specs-bot", ["SMTP_PASSWORD"] = "smtp-5ecret" });

        var row = scenario.Check().Row("email", "SMTP sign-in");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Contains("STARTTLS", row.Outcome.Detail, StringComparison.Ordinal);
        Assert.StartsWith("with secure: true, port 465 is TLS on connect", row.Outcome.Fix, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Theory]
    [InlineData("slack", "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0001/B0002/slack5ecretvalue", "passed")]
    [InlineData("slack", "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0001/slack5ecretvalue", "FAILED")]
    [InlineData("slack", "SLACK_WEBHOOK_URL", "http://127.0.0.1:9/slack", "warning")]
    [InlineData("teams", "TEAMS_WEBHOOK_URL", "https://prod-01.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=teams5ecret", "passed")]
    [InlineData("teams", "TEAMS_WEBHOOK_URL", "https://contoso.webhook.office.com/webhookb2/teams5ecret", "passed")]
    [InlineData("teams", "TEAMS_WEBHOOK_URL", "https://contoso.webhook.office.com/teams5ecret", "FAILED")]
    public void CheckIntegrations_ChatWebhookUrl_ShapeOfTheServicesIsCheckedWithoutSending(string integration, string variable, string url, string expected)
    {
        using var scenario = new CheckScenario(SimpleConfig(integration), new() { [variable] = url });

        var report = scenario.Check();

        var row = report.Row(integration, "webhook URL");
        Assert.Equal(expected, CheckReport.Describe(row.Outcome.Result));
        Assert.DoesNotContain("5ecret", report.ToTable(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pagerduty", "PAGERDUTY_ROUTING_KEY", "0123456789abcdef0123456789abcdef", "routing key", "passed")]
    [InlineData("pagerduty", "PAGERDUTY_ROUTING_KEY", "https://events.pagerduty.com/x", "routing key", "warning")]
    [InlineData("new_relic", "NEW_RELIC_API_KEY", "0123456789abcdef0123456789abcdef0123NRAL", "license key", "passed")]
    [InlineData("new_relic", "NEW_RELIC_API_KEY", "NRAK-ABCDEFGHIJKLMNOPQRSTUVWXYZ0", "license key", "FAILED")]
    [InlineData("sentry", "SENTRY_DSN", "https://0123abcd@o1.ingest.sentry.io/42", "DSN", "passed")]
    [InlineData("sentry", "SENTRY_DSN", "https://0123abcd@o1.ingest.sentry.io/my-project", "DSN", "warning")]
    public void CheckIntegrations_KeyWithoutAReadEndpoint_ShapeIsCheckedWithoutSending(string integration, string variable, string value, string check, string expected)
    {
        var extra = integration == "new_relic" ? "account_id: \"1234567\"" : null;
        using var scenario = new CheckScenario(SimpleConfig(integration, extra), new() { [variable] = value });

        var report = scenario.Check();

        Assert.Equal(expected, CheckReport.Describe(report.Row(integration, check).Outcome.Result));
        Assert.DoesNotContain(value, report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckIntegrations_Webhooks_ListsEachEndpointsHostAndWhetherItIsSigned()
    {
        using var scenario = new CheckScenario("""
            integrations:
              webhooks:
                enabled: true
                endpoints:
                  - name: "analytics"
                    url: "https://analytics.example.com/events"
                    events: ["implementation_completed"]
                    secret: "${WEBHOOK_SECRET_ANALYTICS}"
            """, new() { ["WEBHOOK_SECRET_ANALYTICS"] = "hmac-5ecret" });

        var report = scenario.Check();

        report.AllPassed();
        Assert.StartsWith("analytics → analytics.example.com (signed);", report.Row("webhooks", "endpoints").Outcome.Detail, StringComparison.Ordinal);
    }

    internal static string SimpleConfig(string integration, string? extra = null) =>
        $"integrations:\n  {integration}:\n    enabled: true\n" + (extra is null ? string.Empty : $"    {extra}\n");

    internal static string DatadogConfig(string origin) => SimpleConfig("datadog", $"api_url: \"{origin}\"");

    internal static string EmailConfig(int port) => $"""
        integrations:
          email:
            enabled: true
            smtp:
              host: "127.0.0.1"
              port: {port}
              secure: true
            from: "specs@example.com"
            recipients:
              implementation_failed: ["oncall@example.com"]
        """;

    /// <summary>Datadog's <c>GET /api/v1/validate</c>: <c>{"valid": true}</c> for its key, 403 <c>{"errors": ["Forbidden"]}</c> otherwise.</summary>
    internal static Task<LoopbackServer> Datadog() => LoopbackServer.StartAsync((_, request, context) =>
        request.Method == "GET" && request.Path == "/api/v1/validate" && request.Headers.GetValueOrDefault("DD-API-KEY") == DatadogKey
            ? Json(context, 200, new JsonObject { ["valid"] = true })
            : Json(context, 403, new JsonObject { ["errors"] = new JsonArray("Forbidden") }));

    /// <summary>A Discord webhook: GET of its URL answers the webhook (no user, as with a token); others <c>Unknown Webhook</c>.</summary>
    internal static Task<LoopbackServer> Discord() => LoopbackServer.StartAsync((_, request, context) =>
        request.Method == "GET" && request.Path == DiscordPath
            ? Json(context, 200, new JsonObject
            {
                ["application_id"] = null, ["avatar"] = null, ["channel_id"] = "199737254929760256", ["guild_id"] = "199737254929760257",
                ["id"] = "1234567890", ["name"] = "Spec Bot", ["type"] = 1, ["token"] = "hook-5ecret-token",
            })
            : Json(context, 404, new JsonObject { ["message"] = "Unknown Webhook", ["code"] = 10015 }));

    /// <summary>Opsgenie's alert list: its key reads; a create-only key is refused 403; any other 401.</summary>
    internal static Task<LoopbackServer> Opsgenie() => LoopbackServer.StartAsync((_, request, context) => request.Headers.GetValueOrDefault("Authorization") switch
    {
        "GenieKey " + OpsgenieKey => Json(context, 200, new JsonObject { ["data"] = new JsonArray(), ["took"] = 0.005, ["requestId"] = "9ae63dd7" }),
        "GenieKey og-create-only-key" => Json(context, 403, new JsonObject { ["message"] = "Key has no access to this action", ["took"] = 0.001, ["requestId"] = "9ae63dd8" }),
        _ => Json(context, 401, new JsonObject { ["message"] = "Could not authenticate", ["took"] = 0.0, ["requestId"] = "9ae63dd9" }),
    });

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
