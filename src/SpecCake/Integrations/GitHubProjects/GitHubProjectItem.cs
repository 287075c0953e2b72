using SpecCake.Trackers;

namespace SpecCake.Integrations.GitHubProjects;

/// <summary>A spec's project item as read back; <see cref="TrackerItem.Key"/> is the item's node ID.</summary>
internal sealed record GitHubProjectItem(string Key) : TrackerItem(Key)
{
    /// <summary>The draft issue's node ID, when the item is a draft; null for a pull request item.</summary>
    public string? DraftIssueId { get; init; }
    public string Body { get; init; } = string.Empty;
    public string? PullRequestUrl { get; init; }
    public string? StatusOptionId { get; init; }

    /// <summary>When the item was added to the project: the oldest of several drafts of one spec is kept.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Draft items of the same spec left over once its pull request item exists.</summary>
    public IReadOnlyList<string> LeftoverDraftItemIds { get; init; } = [];
}
