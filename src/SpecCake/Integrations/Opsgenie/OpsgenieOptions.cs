using SpecCake.Events;

namespace SpecCake.Integrations.Opsgenie;

/// <summary><c>integrations.opsgenie</c> (Alert API v2); the key comes from <c>OPSGENIE_API_KEY</c>.</summary>
public sealed record OpsgenieOptions : IntegrationOptions
{
    /// <summary><c>alert_on</c>: events that create an alert.</summary>
    public IReadOnlyList<SpecEventKind> AlertOn { get; init; } = [];

    /// <summary><c>priority</c>: <c>P1</c>..<c>P5</c>.</summary>
    public string Priority { get; init; } = "P3";

    /// <summary><c>tags</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
