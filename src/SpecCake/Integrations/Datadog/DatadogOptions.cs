namespace SpecCake.Integrations.Datadog;

/// <summary><c>integrations.datadog</c>; keys from <c>DATADOG_API_KEY</c> and <c>DATADOG_APP_KEY</c>.</summary>
public sealed record DatadogOptions : IntegrationOptions
{
    /// <summary><c>site</c>: datadoghq.com, datadoghq.eu, us3/us5/ap1/ap2.datadoghq.com, ddog-gov.com.</summary>
    public string Site { get; init; } = "datadoghq.com";

    /// <summary><c>send_metrics</c>.</summary>
    public bool SendMetrics { get; init; }

    /// <summary><c>metric_prefix</c>.</summary>
    public string MetricPrefix { get; init; } = "spec_ingestion";

    /// <summary><c>send_events</c>.</summary>
    public bool SendEvents { get; init; }

    /// <summary><c>event_tags</c>: <c>key:value</c> tags on every metric and event.</summary>
    public IReadOnlyList<string> EventTags { get; init; } = [];
}
