using SpecCake.Events;

namespace SpecCake.Integrations.Teams;

/// <summary><c>integrations.teams</c>; the webhook URL comes from <c>TEAMS_WEBHOOK_URL</c>.</summary>
public sealed record TeamsOptions : IntegrationOptions
{
    /// <summary><c>notify_on</c>: the events sent.</summary>
    public IReadOnlyList<SpecEventKind> NotifyOn { get; init; } = [];

    /// <summary><c>use_adaptive_cards</c>: an Adaptive Card instead of a legacy MessageCard.</summary>
    public bool UseAdaptiveCards { get; init; }
}
