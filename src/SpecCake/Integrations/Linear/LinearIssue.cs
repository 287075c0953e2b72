using SpecCake.Trackers;

namespace SpecCake.Integrations.Linear;

/// <summary>A spec's Linear issue as read back; <see cref="TrackerItem.Key"/> is its identifier (<c>ENG-12</c>).</summary>
internal sealed record LinearIssue(string Key, string Id) : TrackerItem(Key)
{
    public string Title { get; init; } = string.Empty;
    public string Description { get; init; } = string.Empty;
    public string? StateId { get; init; }
    public IReadOnlyList<string> LabelIds { get; init; } = [];
    public IReadOnlyList<string> AttachmentUrls { get; init; } = [];
}
