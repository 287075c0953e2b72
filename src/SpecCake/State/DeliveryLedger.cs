using System.Text.Json.Nodes;

namespace SpecCake.State;

/// <summary>
/// What each CI run already delivered, per event identity (<see cref="Delivery.DeliveryIdentity"/>) and
/// target, in <c>&lt;state_file name&gt;.deliveries.json</c> beside <c>notifications.state_file</c>
/// (the directory the documented workflows cache). A re-run of a failed job reads it and sends only
/// the deliveries that did not succeed. Entries older than a re-run can be (GitHub allows 30 days)
/// are dropped, and the file keeps at most a few hundred runs.
/// </summary>
internal sealed class DeliveryLedger
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(35);
    private const int MaxIdentities = 500;

    private readonly StateFile _file;
    private readonly TimeProvider _timeProvider;

    public DeliveryLedger(string stateFile, TimeProvider timeProvider, TimeSpan lockTimeout)
    {
        this._timeProvider = timeProvider;
        _file = new StateFile(PathBeside(stateFile), timeProvider, lockTimeout);
    }

    /// <summary>The ledger's file for a state file: <c>.speccake/state.json</c> → <c>.speccake/state.deliveries.json</c>.</summary>
    public static string PathBeside(string stateFile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(stateFile))!, Path.GetFileNameWithoutExtension(stateFile) + ".deliveries.json");

    /// <summary>The targets already delivered for <paramref name="identity"/>, with when; reads without writing.</summary>
    public async Task<(IReadOnlyDictionary<string, DateTimeOffset> Delivered, string? Warning)> DeliveredAsync(string identity, CancellationToken cancellationToken)
    {
        var (root, warning) = await _file.ReadOnlyAsync(cancellationToken).ConfigureAwait(false);
        var delivered = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (root?["runs"]?[identity] is JsonObject targets)
        {
            foreach (var (target, at) in targets)
            {
                if (StateFile.Time(at) is { } when)
                {
                    delivered[target] = when;
                }
            }
        }

        return (delivered, warning);
    }

    /// <summary>Records <paramref name="targets"/> as delivered for <paramref name="identity"/>; returns a warning about the file, or null.</summary>
    public async Task<string?> RecordAsync(string identity, IReadOnlyCollection<string> targets, CancellationToken cancellationToken)
    {
        if (targets.Count == 0)
        {
            return null;
        }

        var (_, warning) = await _file.UpdateAsync(
            root =>
            {
                var now = _timeProvider.GetUtcNow();
                var runs = new Dictionary<string, Dictionary<string, DateTimeOffset>>(StringComparer.Ordinal);
                foreach (var (key, entry) in root?["runs"] as JsonObject ?? [])
                {
                    var kept = (entry as JsonObject ?? [])
                        .Select(pair => (pair.Key, At: StateFile.Time(pair.Value)))
                        .Where(pair => pair.At is { } at && at > now - KeptFor && at <= now + TimeSpan.FromMinutes(5))
                        .ToDictionary(pair => pair.Key, pair => pair.At!.Value, StringComparer.Ordinal);
                    if (kept.Count > 0)
                    {
                        runs[key] = kept;
                    }
                }

                var current = runs.TryGetValue(identity, out var existing) ? existing : runs[identity] = new(StringComparer.Ordinal);
                foreach (var target in targets)
                {
                    current[target] = now;
                }

                var json = new JsonObject();
                foreach (var (key, entry) in runs.OrderByDescending(run => run.Value.Values.Max()).Take(MaxIdentities).OrderBy(run => run.Key, StringComparer.Ordinal))
                {
                    json[key] = new JsonObject([.. entry.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                        .Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)StateFile.Text(pair.Value)))]);
                }

                return (new JsonObject { ["version"] = 1, ["runs"] = json }, true);
            },
            cancellationToken).ConfigureAwait(false);
        return warning;
    }
}
