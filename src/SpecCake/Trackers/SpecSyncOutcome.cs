namespace SpecCake.Trackers;

/// <summary>The result for one spec in one tracker.</summary>
/// <param name="SpecId">The spec ID.</param>
/// <param name="Action">What was (or would be) done.</param>
/// <param name="Fields">The fields written (or to be written) on create or update, e.g. <c>title</c>, <c>status</c>.</param>
/// <param name="ItemKey">The tracker's key of the item (<c>PROJ-12</c>, a work item ID, a node ID), when known.</param>
/// <param name="Error">Why it failed, with secrets masked; null unless <see cref="Action"/> is <see cref="SpecSyncAction.Failed"/>.</param>
public sealed record SpecSyncOutcome(
    string SpecId,
    SpecSyncAction Action,
    IReadOnlyList<string> Fields,
    string? ItemKey,
    string? Error = null)
{
    /// <summary>
    /// The keys of the duplicates retired (or, in a dry run, to retire): other items carrying the spec's marker,
    /// newer than <see cref="ItemKey"/>, e.g. made by two SyncTrackers runs at once.
    /// </summary>
    public IReadOnlyList<string> Retired { get; init; } = [];

    /// <summary>The spec status the item is (or would be) moved to when <see cref="Fields"/> holds its status, e.g. <c>approved</c>.</summary>
    public string? TransitionTo { get; init; }
}
