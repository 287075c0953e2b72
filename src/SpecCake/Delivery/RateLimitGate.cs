using SpecCake.Configuration;
using SpecCake.State;

namespace SpecCake.Delivery;

/// <summary>
/// The engine's side of <see cref="RateLimitStore"/> for one run: reserves a slot per delivery
/// before sending (refused ones get their summary row), and afterwards commits the delivered ones
/// and releases the rest, even when the run is stopped half-way.
/// </summary>
internal sealed class RateLimitGate : DeliveryGate
{
    private readonly RateLimitStore? _store;
    private readonly RateLimitReservation? _reservation;

    private RateLimitGate(RateLimitStore? store, RateLimitReservation? reservation, IReadOnlyList<PlannedDelivery> allowed, IDeliveryLog log)
        : base(allowed, log)
    {
        _store = store;
        _reservation = reservation;
    }

    protected override string WarningConsequence => "; sending as if it were empty.";

    /// <summary>Reserves what <c>notifications.rate_limit</c> allows; without limits, everything passes and nothing is written.</summary>
    public static async Task<RateLimitGate> OpenAsync(
        RateLimitOptions? limits,
        string stateFile,
        IReadOnlyList<PlannedDelivery> planned,
        SpecEventNotifierOptions options,
        DeliveryResults results,
        IDeliveryLog log,
        SecretMasker masker,
        CancellationToken cancellationToken)
    {
        if (planned.Count == 0 || limits is null || (limits.MaxPerHour is null && limits.MaxPerDay is null))
        {
            return new RateLimitGate(null, null, planned, log);
        }

        // A reservation outlives no delivery: past the total budget (plus margin) its process is gone.
        var store = new RateLimitStore(stateFile, limits, options.TimeProvider, options.StateFileLockTimeout, options.RetryPolicy.TotalTimeout + TimeSpan.FromMinutes(1));
        RateLimitReservation reservation;
        try
        {
            reservation = await store.ReserveAsync([.. planned.Select(delivery => delivery.Target)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            foreach (var delivery in planned)
            {
                results.Set(delivery, new DeliveryResult(delivery.Target, DeliveryStatus.Failed, 0, TimeSpan.Zero, masker.Apply($"rate-limit state file unusable: {error.Message}")));
            }

            return new RateLimitGate(null, null, [], log);
        }

        var allowed = Filter(planned, results, delivery =>
            reservation.Verdicts[delivery.Target] is { } reason
                ? new DeliveryResult(delivery.Target, DeliveryStatus.RateLimited, 0, TimeSpan.Zero, reason)
                : null);
        var gate = new RateLimitGate(store, reservation, allowed, log);
        gate.Warn(reservation.Warning);
        foreach (var delivery in planned.Except(allowed))
        {
            log.Write(DeliveryLogLevel.Warning, $"{delivery.Target}: not sent, {reservation.Verdicts[delivery.Target]}.");
        }

        return gate;
    }

    /// <summary>Commits the <paramref name="delivered"/> targets and releases every other reservation of this run.</summary>
    protected override Task<string?> RecordAsync(IReadOnlyCollection<string> delivered) =>
        _store is null || _reservation is null
            ? Task.FromResult<string?>(null)
            : _store.CompleteAsync(_reservation, delivered, CancellationToken.None);

    // The reservations then expire by themselves; the deliveries already happened.
    protected override string RecordFailed(string error) => $"Could not record the sends in the rate-limit state file: {error}";
}
