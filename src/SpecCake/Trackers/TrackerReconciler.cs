using SpecCake.Configuration;

namespace SpecCake.Trackers;

/// <summary>
/// Reconciles specs into one tracker: find each spec's item by its marker, create it when missing,
/// write only what differs, and leave it alone when it is right. A failing spec never stops the others.
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
        IReadOnlyDictionary<string, TrackerItem> found;
        try
        {
            await tracker.PrepareAsync(cancellationToken).ConfigureAwait(false);
            found = targets.Count == 0
                ? new Dictionary<string, TrackerItem>()
                : await tracker.FindAsync(targets, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            var error = Describe(ex, mask);
            return new TrackerResult(tracker.Name, [.. targets.Select(target => Failed(target, null, error))]);
        }

        var outcomes = new SpecSyncOutcome[targets.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count), parallel, async (index, token) =>
        {
            var target = targets[index];
            outcomes[index] = await ReconcileAsync(tracker, target, found.GetValueOrDefault(target.SpecId), options.DryRun, mask, token)
                .ConfigureAwait(false);
        }).ConfigureAwait(false);

        return new TrackerResult(tracker.Name, outcomes);
    }

    private static async Task<SpecSyncOutcome> ReconcileAsync(
        ITracker tracker, TrackerTarget target, TrackerItem? item, bool dryRun, SecretMasker mask, CancellationToken cancellationToken)
    {
        try
        {
            var fields = await tracker.PlanAsync(target, item, cancellationToken).ConfigureAwait(false);
            if (item is not null)
            {
                if (fields.Count == 0)
                {
                    return new SpecSyncOutcome(target.SpecId, SpecSyncAction.Unchanged, [], item.Key);
                }

                if (!dryRun)
                {
                    await tracker.UpdateAsync(target, item, fields, cancellationToken).ConfigureAwait(false);
                }

                return new SpecSyncOutcome(target.SpecId, SpecSyncAction.Update, fields, item.Key);
            }

            if (dryRun)
            {
                return new SpecSyncOutcome(target.SpecId, SpecSyncAction.Create, fields, null);
            }

            var key = await CreateOnceAsync(tracker, target, cancellationToken).ConfigureAwait(false);
            return new SpecSyncOutcome(target.SpecId, SpecSyncAction.Create, fields, key);
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            return Failed(target, item?.Key, Describe(ex, mask));
        }
    }

    /// <summary>
    /// Creates the item; when the create request's fate is unknown, looks for the item again and
    /// finishes it if the server did create it, so neither this run nor the next makes a duplicate.
    /// </summary>
    private static async Task<string> CreateOnceAsync(ITracker tracker, TrackerTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await tracker.CreateAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (TrackerException ex) when (ex.MayHaveCreated)
        {
            var again = await tracker.FindAsync([target], cancellationToken).ConfigureAwait(false);
            if (!again.TryGetValue(target.SpecId, out var created))
            {
                throw;
            }

            var rest = await tracker.PlanAsync(target, created, cancellationToken).ConfigureAwait(false);
            if (rest.Count > 0)
            {
                await tracker.UpdateAsync(target, created, rest, cancellationToken).ConfigureAwait(false);
            }

            return created.Key;
        }
    }

    private static SpecSyncOutcome Failed(TrackerTarget target, string? key, string error) =>
        new(target.SpecId, SpecSyncAction.Failed, [], key, error);

    private static bool IsFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static string Describe(Exception ex, SecretMasker mask) =>
        ex is TrackerException ? ex.Message : mask.Apply($"{ex.GetType().Name}: {ex.Message}");
}
