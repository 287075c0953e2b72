using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Integrations;
using SpecCake.Specs;

namespace SpecCake.Trackers;

/// <summary>
/// Mirrors specs into every enabled tracker (Jira, Linear, Azure DevOps Boards, GitHub Projects),
/// idempotently: the trackers themselves say what exists, so a rerun after a crash or a partial
/// failure converges to exactly one item per spec per tracker.
/// </summary>
public static class TrackerSync
{
    /// <summary>Reconciles every given spec into every enabled tracker; trackers run side by side.</summary>
    /// <param name="config">The loaded configuration; only enabled tracker blocks are used.</param>
    /// <param name="environment">Environment values: the secrets of docs/design/contract.md#secrets, <c>GITHUB_REPOSITORY</c>, <c>GITHUB_SERVER_URL</c>, <c>GITHUB_API_URL</c>, <c>JIRA_BASE_URL</c>, <c>AZURE_DEVOPS_ORG</c>/<c>_PROJECT</c>.</param>
    /// <param name="specs">The valid specs to mirror (already filtered by <c>--spec</c>).</param>
    /// <param name="options">Dry run, concurrency and retries; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>Per tracker: an outcome per spec and the created/updated/unchanged/failed counts.</returns>
    public static Task<TrackerSyncSummary> SyncAsync(
        SpecCakeConfig config,
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyList<Spec> specs,
        TrackerSyncOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(specs);
        return RunAsync(config, environment, [.. specs.Select(spec => new TrackerTarget(spec))], options ?? new(), cancellationToken);
    }

    /// <summary>
    /// Applies a spec event to every enabled tracker (auto-create, status sync and link to PR: docs/design/integrations.md#events):
    /// <c>spec_created</c> reconciles the spec (creating its item), <c>spec_approved</c> reconciles it as
    /// approved (the approve transition or status), <c>pr_created</c>/<c>pr_merged</c> reconcile it and link
    /// <paramref name="pullRequest"/>. Any other event touches no tracker and returns an empty summary.
    /// </summary>
    /// <param name="config">The loaded configuration.</param>
    /// <param name="environment">Environment values, as for <see cref="SyncAsync"/>.</param>
    /// <param name="spec">The event's spec.</param>
    /// <param name="kind">The event.</param>
    /// <param name="pullRequest">The pull request of a <c>pr_*</c> event, when known; linked only when its URL is known.</param>
    /// <param name="options">Dry run, concurrency and retries; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static Task<TrackerSyncSummary> ApplyEventAsync(
        SpecCakeConfig config,
        IReadOnlyDictionary<string, string?> environment,
        Spec spec,
        SpecEventKind kind,
        PullRequestReference? pullRequest,
        TrackerSyncOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new();
        TrackerTarget? target = kind switch
        {
            SpecEventKind.SpecCreated => new(spec),
            // The event may run before the file's status is read back as approved; never move an implemented spec back.
            SpecEventKind.SpecApproved => new(spec.Status < SpecStatus.Approved ? spec with { Status = SpecStatus.Approved } : spec),
            // A link needs the pull request's URL; without one the item is still reconciled, just not linked.
            SpecEventKind.PrCreated or SpecEventKind.PrMerged => new(spec, pullRequest is { Url: not null } ? pullRequest : null),
            _ => null,
        };

        return target is null
            ? Task.FromResult(new TrackerSyncSummary([], options.DryRun))
            : RunAsync(config, environment, [target], options, cancellationToken);
    }

    /// <summary>Whether an event changes trackers (so the notify path knows to call <see cref="ApplyEventAsync"/>).</summary>
    /// <param name="kind">The event.</param>
    public static bool DrivesTrackers(SpecEventKind kind) =>
        kind is SpecEventKind.SpecCreated or SpecEventKind.SpecApproved or SpecEventKind.PrCreated or SpecEventKind.PrMerged;

    /// <summary>The config names of the enabled trackers, in the order they are reported.</summary>
    /// <param name="config">The loaded configuration.</param>
    public static IReadOnlyList<string> EnabledTrackers(SpecCakeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. IntegrationCatalog.Trackers.Where(tracker => tracker.IsEnabled(config)).Select(tracker => tracker.Key)];
    }

    private static async Task<TrackerSyncSummary> RunAsync(
        SpecCakeConfig config,
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyList<TrackerTarget> targets,
        TrackerSyncOptions options,
        CancellationToken cancellationToken)
    {
        var mask = SecretMasker.FromEnvironment(environment);
        var unread = new List<TrackerResult>();
        if (options.DryRun)
        {
            // A dry run needs no secret: a tracker that cannot be read without one says so and shows what it would do.
            foreach (var descriptor in IntegrationCatalog.Trackers)
            {
                if (descriptor.OptionsIn(config) is { Enabled: true } trackerOptions
                    && descriptor.SecretProblems(trackerOptions, name => environment.GetValueOrDefault(name)).SelectMany(problem => problem.Variables).ToList() is { Count: > 0 } missing)
                {
                    unread.Add(new TrackerResult(descriptor.Key, [.. targets.Select(target => new SpecSyncOutcome(target.SpecId, SpecSyncAction.Create, [], null))])
                    {
                        NotRead = $"{string.Join(" and ", missing.Distinct(StringComparer.Ordinal))} {(missing.Distinct(StringComparer.Ordinal).Count() == 1 ? "is" : "are")} not set",
                    });
                }
            }
        }

        var trackers = CreateTrackers(config, environment, options, mask, [.. unread.Select(result => result.Tracker)]);
        try
        {
            var results = await Task.WhenAll(trackers.Select(tracker =>
                TrackerReconciler.RunAsync(tracker, targets, options, mask, cancellationToken))).ConfigureAwait(false);
            // In the order trackers are reported, whether read or not.
            var all = results.Concat(unread).OrderBy(result => IntegrationCatalog.Trackers.ToList().FindIndex(tracker => tracker.Key == result.Tracker)).ToArray();
            return new TrackerSyncSummary(all, options.DryRun);
        }
        finally
        {
            foreach (var tracker in trackers)
            {
                tracker.Dispose();
            }
        }
    }

    private static List<ITracker> CreateTrackers(
        SpecCakeConfig config, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions options, SecretMasker mask, IReadOnlyCollection<string> skipped) =>
        [.. IntegrationCatalog.Trackers
            .Where(tracker => !skipped.Contains(tracker.Key))
            .Select(tracker => (Tracker: tracker, Options: tracker.OptionsIn(config)))
            .Where(pair => pair.Options is { Enabled: true })
            .Select(pair => pair.Tracker.CreateTracker(pair.Options!, environment, options, mask))];
}
