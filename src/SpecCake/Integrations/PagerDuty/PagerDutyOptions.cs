using SpecCake.Events;

namespace SpecCake.Integrations.PagerDuty;

/// <summary><c>integrations.pagerduty</c> (Events API v2); the key comes from <c>PAGERDUTY_ROUTING_KEY</c>.</summary>
public sealed record PagerDutyOptions : IntegrationOptions
{
    /// <summary><c>alert_on</c>: events that trigger an alert.</summary>
    public IReadOnlyList<SpecEventKind> AlertOn { get; init; } = [];

    /// <summary><c>severity</c>: <c>critical | error | warning | info</c>; SEV1 specs are always critical.</summary>
    public string Severity { get; init; } = "warning";

    /// <summary><c>component</c>: the component named in the alert.</summary>
    public string? Component { get; init; }
}
