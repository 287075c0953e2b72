using SpecCake.Checks;
using SpecCake.Delivery;

namespace SpecCake.Integrations.Datadog;

/// <summary>Datadog (<c>DATADOG_API_KEY</c>, <c>DATADOG_APP_KEY</c>): every event as metrics and as an event in the stream.</summary>
internal sealed class DatadogIntegration : IntegrationDescriptor<DatadogOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "datadog";

    /// <summary>The API key.</summary>
    public static readonly SecretVariable ApiKey = new("DATADOG_API_KEY", "API key");

    /// <summary>The application key.</summary>
    public static readonly SecretVariable AppKey = new("DATADOG_APP_KEY", "application key");

    public static DatadogIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        site: "datadoghq.com"            # or datadoghq.eu, us3/us5/ap1/ap2.datadoghq.com, ddog-gov.com
        send_metrics: true
        metric_prefix: "spec_ingestion"
        send_events: true
        event_tags:
          - "team:platform"
          - "env:production"
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["site", "send_metrics", "metric_prefix", "send_events", "event_tags"];

    public override IReadOnlyList<SecretVariable> Variables => [ApiKey, AppKey];

    public override INotifier Notifier { get; } = new DatadogNotifier();

    protected override DatadogOptions BindOptions(ConfigBlock block)
    {
        var d = new DatadogOptions();
        return d with
        {
            Site = block.Text("site") ?? d.Site,
            SendMetrics = block.Bool("send_metrics") ?? d.SendMetrics,
            MetricPrefix = block.Text("metric_prefix") ?? d.MetricPrefix,
            SendEvents = block.Bool("send_events") ?? d.SendEvents,
            EventTags = block.Strings("event_tags") ?? [],
        };
    }

    protected override void CheckSecrets(DatadogOptions options, SecretCheck check)
    {
        check.Require(ApiKey);
        check.Require(AppKey);
    }

    protected override IReadOnlyList<IntegrationTarget> Targets(DatadogOptions options)
    {
        var targets = new List<IntegrationTarget>();
        if (options.SendMetrics)
        {
            targets.Add(new IntegrationTarget(Key + "/metrics", _ => true));
        }

        if (options.SendEvents)
        {
            targets.Add(new IntegrationTarget(Key + "/events", _ => true));
        }

        return targets;
    }

    protected override IReadOnlyList<IIntegrationCheck> Checks(DatadogOptions options) => DatadogChecks.For(options);
}
