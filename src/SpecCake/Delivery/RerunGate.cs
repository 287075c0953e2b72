using System.Globalization;
using SpecCake.State;

namespace SpecCake.Delivery;

/// <summary>
/// The engine's side of <see cref="DeliveryLedger"/> for one run: on a re-run of a CI job, what an
/// earlier attempt of the same run delivered gets its summary row ("already delivered") and is not
/// sent again; afterwards what this attempt delivered is recorded. Only read in a dry run. Not
/// knowing (no CI identity, an unreadable file) never stops a notification: then all is sent.
/// </summary>
internal sealed class RerunGate : DeliveryGate
{
    private readonly DeliveryLedger? _ledger;
    private readonly string? _identity;

    private RerunGate(DeliveryLedger? ledger, string? identity, IReadOnlyList<PlannedDelivery> remaining, IDeliveryLog log)
        : base(remaining, log)
    {
        _ledger = ledger;
        _identity = identity;
    }

    protected override string WarningConsequence => "; a re-run may send again what this run delivered.";

    public static async Task<RerunGate> OpenAsync(
        string? identity,
        string stateFile,
        IReadOnlyList<PlannedDelivery> planned,
        SpecEventNotifierOptions options,
        DeliveryResults results,
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
        string? warning;
        try
        {
            (delivered, warning) = await ledger.DeliveredAsync(identity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            log.Write(DeliveryLogLevel.Warning, $"Could not read what earlier attempts of this CI run delivered: {error.Message}; sending everything.");
            return new RerunGate(ledger, identity, planned, log);
        }

        var remaining = Filter(planned, results, delivery =>
            delivered.TryGetValue(delivery.Target, out var at)
                ? new DeliveryResult(
                    delivery.Target, DeliveryStatus.AlreadyDelivered, 0, TimeSpan.Zero,
                    $"in an earlier attempt of this CI run, at {at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC")
                : null);
        var gate = new RerunGate(ledger, identity, remaining, log);
        gate.Warn(warning);
        return gate;
    }

    /// <summary>Records what this attempt delivered, so that a re-run does not send it again.</summary>
    protected override Task<string?> RecordAsync(IReadOnlyCollection<string> delivered) =>
        _ledger is null || _identity is null
            ? Task.FromResult<string?>(null)
            : _ledger.RecordAsync(_identity, delivered, CancellationToken.None);

    protected override string RecordFailed(string error) =>
        $"Could not record what was delivered (a re-run of this job would send it again): {error}";
}
