using SpecCake.Configuration;
using SpecCake.Events;

namespace SpecCake.Integrations;

/// <summary>
/// Which integrations a task will use, and which of their destinations: so which secrets it needs.
/// SyncTrackers uses the enabled trackers; NotifySpecEvent the destinations subscribed to its event
/// (and the trackers when the event updates them); TestIntegrations what it tests. A secret of an
/// integration the task does not use is never asked for.
/// </summary>
internal sealed class IntegrationNeed
{
    // Integration key → the destinations used.
    private readonly Dictionary<string, HashSet<string>> _used = new(StringComparer.Ordinal);

    private IntegrationNeed()
    {
    }

    /// <summary>Nothing: a task that sends nothing (ValidateSpecs' own checks).</summary>
    public static IntegrationNeed None { get; } = new();

    /// <summary>What notifying events of these kinds uses: each subscribed destination, and the trackers when one updates them.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="kinds">The events.</param>
    /// <param name="withSpec">Whether the events concern a spec (only then do they update trackers).</param>
    public static IntegrationNeed ForEvents(SpecCakeConfig config, IEnumerable<SpecEventKind> kinds, bool withSpec)
    {
        var need = new IntegrationNeed();
        var list = kinds.ToList();
        foreach (var descriptor in Enabled(config))
        {
            if (descriptor.Kind == IntegrationKind.Tracker && !withSpec)
            {
                continue;
            }

            need.Add(descriptor, descriptor.Targets(descriptor.OptionsIn(config)!).Where(target => list.Any(target.Hears)));
        }

        return need;
    }

    /// <summary>What notifying <paramref name="specEvent"/> uses (a test message: every notification destination).</summary>
    public static IntegrationNeed ForEvent(SpecCakeConfig config, SpecEvent specEvent) =>
        specEvent.IsTest ? ForTest(config, []) : ForEvents(config, [specEvent.Kind], specEvent.Spec is not null);

    /// <summary>What SyncTrackers uses: every enabled tracker.</summary>
    public static IntegrationNeed ForTrackers(SpecCakeConfig config)
    {
        var need = new IntegrationNeed();
        foreach (var descriptor in Enabled(config).Where(descriptor => descriptor.Kind == IntegrationKind.Tracker))
        {
            need.Add(descriptor, descriptor.Targets(descriptor.OptionsIn(config)!));
        }

        return need;
    }

    /// <summary>
    /// What TestIntegrations sends to: every enabled notification destination, or those <paramref name="only"/>
    /// names (an integration, or one destination such as <c>webhooks/analytics</c>). Trackers get no test message.
    /// </summary>
    public static IntegrationNeed ForTest(SpecCakeConfig config, IReadOnlyCollection<string> only)
    {
        var need = new IntegrationNeed();
        foreach (var descriptor in Enabled(config).Where(descriptor => descriptor.Kind == IntegrationKind.Notification))
        {
            var targets = descriptor.Targets(descriptor.OptionsIn(config)!);
            if (only.Count == 0 || only.Contains(descriptor.Key, StringComparer.OrdinalIgnoreCase))
            {
                need.Add(descriptor, targets);
            }
            else if (targets.Where(target => only.Contains(target.Name, StringComparer.OrdinalIgnoreCase)).ToList() is { Count: > 0 } named)
            {
                need.Add(descriptor, named);
            }
        }

        return need;
    }

    /// <summary>The union of two needs.</summary>
    public IntegrationNeed With(IntegrationNeed other)
    {
        var need = new IntegrationNeed();
        foreach (var (key, targets) in _used.Concat(other._used))
        {
            (need._used.TryGetValue(key, out var set) ? set : need._used[key] = new HashSet<string>(StringComparer.Ordinal)).UnionWith(targets);
        }

        return need;
    }

    /// <summary>Whether the task uses the integration at all.</summary>
    public bool Uses(string integration) => _used.ContainsKey(integration);

    /// <summary>Whether the task needs this missing secret: its integration is used, and its destination (if it has one) is.</summary>
    public bool Needs(MissingSecret secret) =>
        _used.TryGetValue(secret.Integration, out var targets) && (secret.Target is null || targets.Contains(secret.Target));

    private void Add(IntegrationDescriptor descriptor, IEnumerable<IntegrationTarget> targets)
    {
        var list = targets.Select(target => target.Name).ToList();
        if (list.Count > 0)
        {
            _used[descriptor.Key] = new HashSet<string>(list, StringComparer.Ordinal);
        }
    }

    private static IEnumerable<IntegrationDescriptor> Enabled(SpecCakeConfig config) =>
        IntegrationCatalog.All.Where(descriptor => descriptor.IsEnabled(config));
}
