using SpecCake.Trackers;

namespace SpecCake.Integrations.Linear;

/// <summary>A spec's Linear issue as read back; <see cref="TrackerItem.Key"/> is its identifier (<c>ENG-12</c>).</summary>
internal sealed record LinearIssue(string Key, string Id) : TrackerItem(Key)
{
    /// <summary>The issue's number in its team; with <see cref="CreatedAt"/>, the creation order.</summary>
    public int Number { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public bool Archived { get; init; }
    public string Description { get; init; } = string.Empty;
    public string? StateId { get; init; }
    public IReadOnlyList<string> LabelIds { get; init; } = [];
    public IReadOnlyList<string> AttachmentUrls { get; init; } = [];
}
