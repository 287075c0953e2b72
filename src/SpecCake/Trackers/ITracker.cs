namespace SpecCake.Trackers;

/// <summary>
/// One tracker, as the reconciler sees it. The tracker is the source of truth: whether a spec's item
/// exists is always read from it (by a marker written at creation), never from a local file.
/// </summary>
internal interface ITracker : IDisposable
{
    /// <summary>The config name, e.g. <c>jira</c>.</summary>
    string Name { get; }

    /// <summary>Checks settings and secrets and reads what every spec needs (states, labels, fields).</summary>
    /// <exception cref="TrackerException">The tracker cannot be used at all; every spec fails with this message.</exception>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Finds the live items of the given specs in as few reads as the API allows, keyed by spec ID, each spec's
    /// items oldest first by the tracker's own creation order (so every run ranks them alike). More than one
    /// item means duplicates, e.g. from two runs at once; the reconciler keeps the first.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<TrackerItem>>> FindAsync(IReadOnlyList<TrackerTarget> targets, CancellationToken cancellationToken);

    /// <summary>
    /// The fields to write: all that a new item gets when <paramref name="item"/> is null, else only
    /// those that differ (none when the item is right). May read, never writes.
    /// </summary>
    /// <exception cref="TrackerException">The spec cannot be mapped (an unknown state, label or transition).</exception>
    Task<IReadOnlyList<string>> PlanAsync(TrackerTarget target, TrackerItem? item, CancellationToken cancellationToken);

    /// <summary>Creates the spec's item, marker included in the same request, and returns its key.</summary>
    /// <exception cref="TrackerException">With <see cref="TrackerException.MayHaveCreated"/> when the outcome of the create request is unknown.</exception>
    Task<string> CreateAsync(TrackerTarget target, CancellationToken cancellationToken);

    /// <summary>Writes only the given fields (as planned) to an existing item.</summary>
    Task UpdateAsync(TrackerTarget target, TrackerItem item, IReadOnlyList<string> fields, CancellationToken cancellationToken);

    /// <summary>
    /// Retires a duplicate of the spec's <paramref name="kept"/> item in the tracker's own way (delete, archive),
    /// so that <see cref="FindAsync"/> never returns it again.
    /// </summary>
    /// <exception cref="TrackerException">It could not be retired, or was already gone (the reconciler looks again to tell).</exception>
    Task RetireAsync(TrackerTarget target, TrackerItem duplicate, TrackerItem kept, CancellationToken cancellationToken);
}
