using Microsoft.AspNetCore.Http;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;
using SpecCake.Integrations.Datadog;
using SpecCake.Integrations.NewRelic;
using SpecCake.Integrations.Opsgenie;
using SpecCake.Integrations.PagerDuty;
using SpecCake.Integrations.Sentry;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations;

/// <summary>The documented incident and observability blocks, pointed at loopback servers, and their secrets.</summary>
internal static class IncidentTestData
{
    public const string RoutingKey = "pd-routing-key-R0UT1NG";
    public const string OpsgenieKey = "og-api-key-0PSG3N1E";
    public const string DatadogApiKey = "dd-api-key-DDAP1K3Y";
    public const string DatadogAppKey = "dd-app-key-DDAPPK3Y";
    public const string NewRelicKey = "nr-license-key-NRL1C3NSE";
    public const string SentryKey = "sentrypublickey5e2a9";

    public static readonly SpecEvent Failed = TestData.Event(SpecEventKind.ImplementationFailed) with { Duration = TimeSpan.FromSeconds(93.5) };
    public static readonly SpecEvent Completed = TestData.Event(SpecEventKind.ImplementationCompleted) with { Duration = TimeSpan.FromSeconds(412) };

    public static string SentryDsn(LoopbackServer server) => $"http://{SentryKey}@127.0.0.1:{server.BaseUrl.Port}/1";

    /// <summary>Every secret of the five, the DSN pointing at <paramref name="sentry"/> (or an unused loopback port).</summary>
    public static Dictionary<string, string?> Secrets(LoopbackServer? sentry = null) => new()
    {
        ["PAGERDUTY_ROUTING_KEY"] = RoutingKey,
        ["OPSGENIE_API_KEY"] = OpsgenieKey,
        ["DATADOG_API_KEY"] = DatadogApiKey,
        ["DATADOG_APP_KEY"] = DatadogAppKey,
        ["NEW_RELIC_API_KEY"] = NewRelicKey,
        ["SENTRY_DSN"] = sentry is null ? $"http://{SentryKey}@127.0.0.1:9/1" : SentryDsn(sentry),
    };

    public static IReadOnlyList<string> SecretValues { get; } = [RoutingKey, OpsgenieKey, DatadogApiKey, DatadogAppKey, NewRelicKey, SentryKey];

    public static PagerDutyOptions PagerDuty(string? apiUrl) => new()
    {
        Enabled = true,
        ApiUrl = apiUrl,
        AlertOn = [SpecEventKind.ImplementationFailed],
        Severity = "warning",
        Component = "spec-pipeline",
    };

    public static OpsgenieOptions Opsgenie(string? apiUrl) => new()
    {
        Enabled = true,
        ApiUrl = apiUrl,
        AlertOn = [SpecEventKind.ImplementationFailed],
        Priority = "P3",
        Tags = ["spec-automation", "ci-cd"],
    };

    public static DatadogOptions Datadog(string? apiUrl, string site = "datadoghq.com") => new()
    {
        Enabled = true,
        ApiUrl = apiUrl,
        Site = site,
        SendMetrics = true,
        MetricPrefix = "spec_ingestion",
        SendEvents = true,
        EventTags = ["team:platform", "env:production"],
    };

    public static NewRelicOptions NewRelic(string? apiUrl) => new()
    {
        Enabled = true,
        ApiUrl = apiUrl,
        AccountId = "1234567",
        EventType = "SpecIngestion",
    };

    public static SentryOptions Sentry() => new()
    {
        Enabled = true,
        Environment = "production",
        ReportOn = [SpecEventKind.ImplementationFailed, SpecEventKind.ValidationFailed],
    };

    public static SpecCakeConfig Config(IntegrationsOptions integrations) => TestData.Config(integrations);

    /// <summary>
    /// Fast backoff, but attempts long enough that a cold start (JIT, Kestrel, the Sentry SDK) on a
    /// loaded machine never counts as a timeout: the tests count attempts.
    /// </summary>
    public static RetryPolicy Retry { get; } = TestData.FastRetry with { AttemptTimeout = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromSeconds(30) };

    public static Task<DeliveryReport> NotifyAsync(SpecCakeConfig config, SpecEvent specEvent, RecordingLog log, IReadOnlyDictionary<string, string?>? secrets = null, bool dryRun = false) =>
        SpecEventNotifier.NotifyAsync(config, specEvent, TestData.Options(log, secrets ?? Secrets(), dryRun, Retry));

    /// <summary>A loopback server answering like the service: its success status and a JSON body.</summary>
    public static Task<LoopbackServer> ServiceAsync(int status = 202, string body = """{"status":"success","message":"Event processed"}""") =>
        LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(body);
        });

    /// <summary>Asserts that no secret value appears in what a user sees: the log and every reason.</summary>
    public static void AssertNoSecrets(RecordingLog log, DeliveryReport report)
    {
        var visible = log.Text + "\n" + string.Join("\n", report.Results.Select(result => result.Reason)) + "\n" + report.ToTable() + report.ToMarkdown();
        foreach (var secret in SecretValues)
        {
            Assert.DoesNotContain(secret, visible, StringComparison.Ordinal);
        }
    }
}
