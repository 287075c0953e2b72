using SpecCake.Trackers;

namespace SpecCake.Integrations.AzureDevOps;

/// <summary>A spec's work item as read back; <see cref="TrackerItem.Key"/> is its numeric ID.</summary>
internal sealed record AzureDevOpsWorkItem(string Key) : TrackerItem(Key)
{
    public string Description { get; init; } = string.Empty;
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? State { get; init; }
    public string? AreaPath { get; init; }
    public string? IterationPath { get; init; }
    public IReadOnlyList<string> LinkUrls { get; init; } = [];
}
