namespace SpecCake.Delivery;

/// <summary>
/// A step the engine runs around one run's sends, backed by a state file: when it opens it decides
/// which planned deliveries go on (<see cref="Passed"/>; each one held back gets its summary row),
/// and when it closes it records what was delivered. A state file that cannot be read or written is
/// a warning, never a reason not to notify.
/// </summary>
internal abstract class DeliveryGate(IReadOnlyList<PlannedDelivery> passed, IDeliveryLog log)
{
    /// <summary>The deliveries that go on to be sent.</summary>
    public IReadOnlyList<PlannedDelivery> Passed { get; } = passed;

    /// <summary>Where warnings go.</summary>
    protected IDeliveryLog Log { get; } = log;

    /// <summary>What a warning about the state file adds: what the run does about it.</summary>
    protected abstract string WarningConsequence { get; }

    /// <summary>Records <paramref name="delivered"/> (the targets this run delivered); a warning about the file, or null.</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    protected abstract Task<string?> RecordAsync(IReadOnlyCollection<string> delivered);

    /// <summary>What the log says when <see cref="RecordAsync"/> failed.</summary>
    /// <param name="error">The failure's message.</param>
    protected abstract string RecordFailed(string error);

    /// <summary>Records what this run delivered; also after a stopped run, so it never throws for the file.</summary>
    /// <param name="delivered">The targets delivered.</param>
    public async Task CloseAsync(IReadOnlyCollection<string> delivered)
    {
        try
        {
            Warn(await RecordAsync(delivered).ConfigureAwait(false));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Log.Write(DeliveryLogLevel.Warning, RecordFailed(error.Message));
        }
    }

    /// <summary>Writes a warning about the state file, with what the run does about it; nothing for null.</summary>
    /// <param name="warning">The warning, starting in lower case.</param>
    protected void Warn(string? warning)
    {
        if (warning is not null)
        {
            Log.Write(DeliveryLogLevel.Warning, char.ToUpperInvariant(warning[0]) + warning[1..] + WarningConsequence);
        }
    }

    /// <summary>
    /// The deliveries that pass: each one <paramref name="heldBack"/> gives a row for is kept out, with
    /// that row in <paramref name="results"/>.
    /// </summary>
    protected static List<PlannedDelivery> Filter(IReadOnlyList<PlannedDelivery> planned, DeliveryResults results, Func<PlannedDelivery, DeliveryResult?> heldBack)
    {
        var passed = new List<PlannedDelivery>();
        foreach (var delivery in planned)
        {
            if (heldBack(delivery) is { } row)
            {
                results.Set(delivery, row);
            }
            else
            {
                passed.Add(delivery);
            }
        }

        return passed;
    }
}
