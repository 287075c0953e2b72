using System.Globalization;
using SpecCake.State;

namespace SpecCake.Delivery;

/// <summary>
/// The engine's side of <see cref="DeliveryLedger"/> for one run: on a re-run of a CI job, what an
/// earlier attempt of the same run delivered gets its summary row ("already delivered") and is not
/// sent again; afterwards what this attempt delivered is recorded. Only read in a dry run. Not
/// knowing (no CI identity, an unreadable file) never stops a notification: then all is sent.
/// </summary>
internal sealed class RerunGate
{
    private readonly DeliveryLedger? ledger;
    private readonly string? identity;
    private readonly IDeliveryLog log;

    private RerunGate(DeliveryLedger? ledger, string? identity, IReadOnlyList<PlannedDelivery> remaining, IDeliveryLog log)
    {
        this.ledger = ledger;
        this.identity = identity;
        this.log = log;
        Remaining = remaining;
    }

    /// <summary>The deliveries still to send.</summary>
    public IReadOnlyList<PlannedDelivery> Remaining { get; }

    public static async Task<RerunGate> OpenAsync(
        string? identity,
        string stateFile,
        IReadOnlyList<PlannedDelivery> planned,
        SpecEventNotifierOptions options,
        Dictionary<object, DeliveryResult> results,
        IDeliveryLog log,
        CancellationToken cancellationToken)
    {
        if (identity is null)
        {
            return new RerunGate(null, null, planned, log);
        }

        var ledger = new DeliveryLedger(stateFile, options.TimeProvider, options.StateFileLockTimeout);
        if (planned.Count == 0)
        {
            return new RerunGate(ledger, identity, planned, log);
        }

        IReadOnlyDictionary<string, DateTimeOffset> delivered;
        try
        {
            string? warning;
            (delivered, warning) = await ledger.DeliveredAsync(identity, cancellationToken).ConfigureAwait(false);
            Warn(log, warning);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            log.Write(DeliveryLogLevel.Warning, $"Could not read what earlier attempts of this CI run delivered: {error.Message}; sending everything.");
            return new RerunGate(ledger, identity, planned, log);
        }

        var remaining = new List<PlannedDelivery>();
        foreach (var delivery in planned)
        {
            if (delivered.TryGetValue(delivery.Target, out var at))
            {
                results[delivery] = new DeliveryResult(
                    delivery.Target, DeliveryStatus.AlreadyDelivered, 0, TimeSpan.Zero,
                    $"in an earlier attempt of this CI run, at {at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
            }
            else
            {
                remaining.Add(delivery);
            }
        }

        return new RerunGate(ledger, identity, remaining, log);
    }

    /// <summary>Records what this attempt delivered, so that a re-run does not send it again.</summary>
    public async Task CloseAsync(IReadOnlyCollection<string> delivered)
    {
        if (ledger is null || identity is null)
        {
            return;
        }

        try
        {
            Warn(log, await ledger.RecordAsync(identity, delivered, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            log.Write(DeliveryLogLevel.Warning, $"Could not record what was delivered (a re-run of this job would send it again): {error.Message}");
        }
    }

    private static void Warn(IDeliveryLog log, string? warning)
    {
        if (warning is not null)
        {
            log.Write(DeliveryLogLevel.Warning, char.ToUpperInvariant(warning[0]) + warning[1..] + "; a re-run may send again what this run delivered.");
        }
    }
}
