using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Configuration;

namespace SpecCake.Delivery;

/// <summary>
/// <c>notifications.rate_limit</c>: sliding hour and day windows per delivery target, kept in
/// <c>notifications.state_file</c> so that consecutive CI runs share them. The file is held with
/// an exclusive lock (<see cref="FileShare.None"/>, an OS lock on every platform) for the whole
/// read-decide-write, so two runs sharing it never exceed the limit together.
/// </summary>
public sealed class RateLimitStore
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly string path;
    private readonly RateLimitOptions limits;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan lockTimeout;

    /// <summary>Creates the store.</summary>
    /// <param name="path">The state file (created with its directory when absent).</param>
    /// <param name="limits">The limits per target.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="lockTimeout">How long to wait for another run holding the file.</param>
    public RateLimitStore(string path, RateLimitOptions limits, TimeProvider? timeProvider = null, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        this.path = Path.GetFullPath(path);
        this.limits = limits ?? throw new ArgumentNullException(nameof(limits));
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.lockTimeout = lockTimeout ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>
    /// Takes one send from each target's windows, atomically for all targets. A target whose
    /// window is full gets a reason and no send is recorded for it.
    /// </summary>
    /// <param name="targets">The delivery targets about to be sent.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>Target → null when it may send, else why not.</returns>
    /// <exception cref="IOException">The file stayed locked by another run past the timeout.</exception>
    public async Task<IReadOnlyDictionary<string, string?>> ReserveAsync(IReadOnlyCollection<string> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        await using var file = await OpenExclusiveAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var sends = await ReadAsync(file, now, cancellationToken).ConfigureAwait(false);

        var verdicts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var target in targets.Distinct(StringComparer.Ordinal))
        {
            var history = sends.TryGetValue(target, out var list) ? list : sends[target] = [];
            var reason = Refusal(history, now);
            if (reason is null)
            {
                history.Add(now);
            }

            verdicts[target] = reason;
        }

        await WriteAsync(file, sends, cancellationToken).ConfigureAwait(false);
        return verdicts;
    }

    private string? Refusal(List<DateTimeOffset> history, DateTimeOffset now)
    {
        var lastHour = history.Count(sent => sent > now - Hour);
        if (limits.MaxPerHour is { } perHour && lastHour >= perHour)
        {
            return $"rate limit: {lastHour} sends in the last hour (max_per_hour: {perHour})";
        }

        var lastDay = history.Count(sent => sent > now - Day);
        if (limits.MaxPerDay is { } perDay && lastDay >= perDay)
        {
            return $"rate limit: {lastDay} sends in the last 24 hours (max_per_day: {perDay})";
        }

        return null;
    }

    private async Task<FileStream> OpenExclusiveAsync(CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp() + (long)(lockTimeout.TotalSeconds * timeProvider.TimestampFrequency);
        var wait = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            }
            catch (IOException) when (timeProvider.GetTimestamp() < deadline)
            {
                // Another run holds the file: it keeps it for milliseconds, so poll briefly.
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 200));
            }
        }
    }

    private static async Task<Dictionary<string, List<DateTimeOffset>>> ReadAsync(FileStream file, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sends = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        if (file.Length == 0)
        {
            return sends;
        }

        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // A damaged file (e.g. a cache restored half-way) must not block notifications: start afresh.
            return sends;
        }

        if (root?["sends"] is not JsonObject targets)
        {
            return sends;
        }

        foreach (var (target, times) in targets)
        {
            if (times is not JsonArray array)
            {
                continue;
            }

            sends[target] = [.. array
                .Select(node => node?.GetValueKind() == JsonValueKind.String &&
                    DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent)
                        ? sent
                        : (DateTimeOffset?)null)
                .OfType<DateTimeOffset>()
                .Where(sent => sent > now - Day)];
        }

        return sends;
    }

    private static async Task WriteAsync(FileStream file, Dictionary<string, List<DateTimeOffset>> sends, CancellationToken cancellationToken)
    {
        var targets = new JsonObject();
        foreach (var (target, times) in sends.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (times.Count > 0)
            {
                targets[target] = new JsonArray([.. times.Order().Select(sent => (JsonNode)sent.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))]);
            }
        }

        var root = new JsonObject { ["version"] = 1, ["sends"] = targets };
        file.Position = 0;
        file.SetLength(0);
        await using (var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
        {
            root.WriteTo(writer);
        }

        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
    }
}
