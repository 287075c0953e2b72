using SpecCake.Events;

namespace SpecCake.Integrations.Discord;

/// <summary><c>integrations.discord</c>; the webhook URL comes from <c>DISCORD_WEBHOOK_URL</c>.</summary>
public sealed record DiscordOptions : IntegrationOptions
{
    /// <summary><c>notify_on</c>: the events sent.</summary>
    public IReadOnlyList<SpecEventKind> NotifyOn { get; init; } = [];

    /// <summary><c>username</c> shown as the message author.</summary>
    public string? Username { get; init; }

    /// <summary><c>avatar_url</c> shown beside the message.</summary>
    public string? AvatarUrl { get; init; }
}
