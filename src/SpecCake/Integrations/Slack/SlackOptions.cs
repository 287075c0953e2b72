using SpecCake.Events;

namespace SpecCake.Integrations.Slack;

/// <summary><c>integrations.slack</c>; the webhook URL comes from <c>SLACK_WEBHOOK_URL</c>.</summary>
public sealed record SlackOptions : IntegrationOptions
{
    /// <summary><c>channel</c>, e.g. <c>#engineering</c>, passed through to the webhook.</summary>
    public string? Channel { get; init; }

    /// <summary><c>notify_on</c>: the events sent.</summary>
    public IReadOnlyList<SpecEventKind> NotifyOn { get; init; } = [];

    /// <summary><c>mention_on_failure</c>: <c>@channel</c>, <c>@here</c> or user IDs, mentioned on failure events.</summary>
    public IReadOnlyList<string> MentionOnFailure { get; init; } = [];
}
