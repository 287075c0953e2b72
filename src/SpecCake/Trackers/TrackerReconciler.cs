using System.Collections.Concurrent;
using SpecCake.Configuration;

namespace SpecCake.Trackers;

/// <summary>
/// Reconciles specs into one tracker: find each spec's items by their marker, create one when missing,
/// write only what differs, and leave it alone when it is right. Several items with one marker (two runs
/// at once, each finding nothing and creating) converge: the oldest is kept and the others retired, by
/// whichever run sees them first — which is why every run looks again at what it has just created. A
/// failing spec never stops the others.
/// </summary>
internal static class TrackerReconciler
{
    public static async Task<TrackerResult> RunAsync(
        ITracker tracker,
        IReadOnlyList<TrackerTarget> targets,
        TrackerSyncOptions options,
        SecretMasker mask,
        CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, IReadOnlyList<TrackerItem>> found;
        try
        {
            await tracker.PrepareAsync(cancellationToken).ConfigureAwait(false);
            found = targets.Count == 0
                ? new Dictionary<string, IReadOnlyList<TrackerItem>>()
                : await tracker.FindAsync(targets, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            var error = Describe(ex, mask);
            return new TrackerResult(tracker.Name, [.. targets.Select(target => Failed(target, null, error))]);
        }

        var outcomes = new SpecSyncOutcome[targets.Count];
        var creations = new ConcurrentBag<Creation>();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count), parallel, async (index, token) =>
        {
            var target = targets[index];
            var (outcome, created) = await ReconcileAsync(tracker, target, found.GetValueOrDefault(target.SpecId) ?? [], options.DryRun, mask, token)
                .ConfigureAwait(false);
            outcomes[index] = outcome;
            if (created)
            {
                creations.Add(new Creation(index, outcome.Action == SpecSyncAction.Create ? outcome.ItemKey : null));
            }
        }).ConfigureAwait(false);

        if (!creations.IsEmpty)
        {
            await ConvergeAsync(tracker, targets, [.. creations.OrderBy(creation => creation.Index)], outcomes, mask, cancellationToken).ConfigureAwait(false);
        }

        for (var index = 0; index < outcomes.Length; index++)
        {
            if (outcomes[index].Fields.Contains(TrackerFields.Status))
            {
                outcomes[index] = outcomes[index] with { TransitionTo = targets[index].Spec.Status.ToString().ToLowerInvariant() };
            }
        }

        return new TrackerResult(tracker.Name, outcomes);
    }

    /// <summary>Reconciles one spec; <c>Created</c> says an item was (or may have been) created, to look at again.</summary>
    private static async Task<(SpecSyncOutcome Outcome, bool Created)> ReconcileAsync(
        ITracker tracker, TrackerTarget target, IReadOnlyList<TrackerItem> items, bool dryRun, SecretMasker mask, CancellationToken cancellationToken)
    {
        var item = items.Count > 0 ? items[0] : null;
        try
        {
            var fields = await tracker.PlanAsync(target, item, cancellationToken).ConfigureAwait(false);
            if (item is not null)
            {
                if (fields.Count > 0 && !dryRun)
                {
                    await tracker.UpdateAsync(target, item, fields, cancellationToken).ConfigureAwait(false);
                }

                var retired = dryRun
                    ? [.. Copies(target, items.Skip(1)).Select(duplicate => duplicate.Key)]
                    : await RetireAsync(tracker, target, item, items.Skip(1), cancellationToken).ConfigureAwait(false);
                return (new SpecSyncOutcome(target.SpecId, fields.Count == 0 ? SpecSyncAction.Unchanged : SpecSyncAction.Update, fields, item.Key) { Retired = retired }, false);
            }

            if (dryRun)
            {
                return (new SpecSyncOutcome(target.SpecId, SpecSyncAction.Create, fields, null), false);
            }

            var key = await tracker.CreateAsync(target, cancellationToken).ConfigureAwait(false);
            return (new SpecSyncOutcome(target.SpecId, SpecSyncAction.Create, fields, key), true);
        }
        catch (Exception ex) when (item is null && !dryRun && IsFailure(ex, cancellationToken))
        {
            // The create may have happened (its answer was lost), or happened and a later step failed (a concurrent
            // run retired the new item meanwhile): looked up again with the others created in this run, and the
            // item found, if any, is finished. If none is found, this error stands.
            return (Failed(target, null, Describe(ex, mask)), true);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            return (Failed(target, item?.Key, Describe(ex, mask)), false);
        }
    }

    /// <summary>
    /// Looks again, in one batched find, at every spec this run created (or may have created): a concurrent
    /// run may have created the same specs' items meanwhile. The oldest item is kept by both runs alike; the
    /// kept item gets whatever this run was about to write (a pull request link, a status), the others are
    /// retired. A create whose fate was unknown is finished if the item turns out to exist.
    /// </summary>
    private static async Task ConvergeAsync(
        ITracker tracker, IReadOnlyList<TrackerTarget> targets, IReadOnlyList<Creation> creations, SpecSyncOutcome[] outcomes, SecretMasker mask, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, IReadOnlyList<TrackerItem>> again;
        try
        {
            again = await tracker.FindAsync([.. creations.Select(creation => targets[creation.Index])], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            var error = Describe(ex, mask);
            foreach (var creation in creations)
            {
                var target = targets[creation.Index];
                if (creation.Key is { } key)
                {
                    outcomes[creation.Index] = Failed(target, key, $"{tracker.Name}: created {key}, but looking again for duplicates failed: {error}");
                }
            }

            return;
        }

        foreach (var creation in creations)
        {
            var target = targets[creation.Index];
            var items = again.GetValueOrDefault(target.SpecId) ?? [];
            // Nothing found: a create that did not happen stays failed, one the search does not show yet (an
            // index lag) stays created. Our item missing while others exist means the other run kept an older
            // one and retired ours: the kept one then gets what this run was to write, as when ours is newer.
            if (items.Count == 0)
            {
                continue;
            }

            var kept = items[0];
            try
            {
                // A create whose fate was unknown reports the fields of a create, as if it had answered.
                var fields = creation.Key is null ? await tracker.PlanAsync(target, null, cancellationToken).ConfigureAwait(false) : outcomes[creation.Index].Fields;
                var action = SpecSyncAction.Create;
                if (creation.Key != kept.Key)
                {
                    var rest = await tracker.PlanAsync(target, kept, cancellationToken).ConfigureAwait(false);
                    if (rest.Count > 0)
                    {
                        await tracker.UpdateAsync(target, kept, rest, cancellationToken).ConfigureAwait(false);
                    }

                    // An item of ours that lost to an older one is a duplicate like any other: the spec's item is the kept one.
                    if (creation.Key is not null)
                    {
                        (fields, action) = (rest, rest.Count == 0 ? SpecSyncAction.Unchanged : SpecSyncAction.Update);
                    }
                }

                var retired = await RetireAsync(tracker, target, kept, items.Skip(1), cancellationToken).ConfigureAwait(false);
                outcomes[creation.Index] = new SpecSyncOutcome(target.SpecId, action, fields, kept.Key) { Retired = retired };
            }
            catch (Exception ex) when (IsFailure(ex, cancellationToken))
            {
                outcomes[creation.Index] = Failed(target, kept.Key, Describe(ex, mask));
            }
        }
    }

    /// <summary>
    /// Retires each duplicate; one that cannot be retired because it is already gone (another run retired it
    /// first) counts as done but is not reported as this run's.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RetireAsync(
        ITracker tracker, TrackerTarget target, TrackerItem kept, IEnumerable<TrackerItem> duplicates, CancellationToken cancellationToken)
    {
        var retired = new List<string>();
        foreach (var duplicate in Copies(target, duplicates))
        {
            try
            {
                await tracker.RetireAsync(target, duplicate, kept, cancellationToken).ConfigureAwait(false);
                retired.Add(duplicate.Key);
            }
            catch (TrackerException ex)
            {
                var again = await tracker.FindAsync([target], cancellationToken).ConfigureAwait(false);
                if ((again.GetValueOrDefault(target.SpecId) ?? []).Any(item => item.Key == duplicate.Key))
                {
                    throw new TrackerException(
                        $"{tracker.Name}: {target.SpecId} is {kept.Key}, but its duplicate {duplicate.Key} could not be retired: {ex.Message}");
                }
            }
        }

        return retired;
    }

    // A newer item with the marker but not SpecCake's title is a person's (a story tagged with the spec it relates to): left alone.
    private static IEnumerable<TrackerItem> Copies(TrackerTarget target, IEnumerable<TrackerItem> duplicates) =>
        duplicates.Where(duplicate => SpecText.IsTitleOf(duplicate.Title, target.SpecId));

    private static SpecSyncOutcome Failed(TrackerTarget target, string? key, string error) =>
        new(target.SpecId, SpecSyncAction.Failed, [], key, error);

    private static bool IsFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static string Describe(Exception ex, SecretMasker mask) =>
        ex is TrackerException ? ex.Message : mask.Apply($"{ex.GetType().Name}: {ex.Message}");

    /// <summary>A create this run made (its key), or tried (key null; its outcome holds the error to keep if no item is found).</summary>
    private sealed record Creation(int Index, string? Key);
}
