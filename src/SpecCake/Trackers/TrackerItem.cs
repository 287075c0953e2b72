namespace SpecCake.Trackers;

/// <summary>An item a tracker holds for a spec, as read back; each tracker derives its own.</summary>
/// <param name="Key">The tracker's key (<c>PROJ-12</c>, a work item ID, a node ID).</param>
internal abstract record TrackerItem(string Key)
{
    /// <summary>The item's title (a Jira summary), as read back.</summary>
    public string Title { get; init; } = string.Empty;
}
