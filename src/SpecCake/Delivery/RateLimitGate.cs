using SpecCake.Configuration;
using SpecCake.Http;
using SpecCake.State;

namespace SpecCake.Delivery;

/// <summary>
/// The engine's side of <see cref="RateLimitStore"/> for one run: reserves a slot per delivery
/// before sending (refused ones get their summary row), and afterwards commits the delivered ones
/// and releases the rest, even when the run is stopped half-way.
/// </summary>
internal sealed class RateLimitGate
{
    private readonly RateLimitStore? store;
    private readonly RateLimitReservation? reservation;
    private readonly IDeliveryLog log;

    private RateLimitGate(RateLimitStore? store, RateLimitReservation? reservation, IReadOnlyList<PlannedDelivery> allowed, IDeliveryLog log)
    {
        this.store = store;
        this.reservation = reservation;
        this.log = log;
        Allowed = allowed;
    }

    /// <summary>The deliveries that may be sent.</summary>
    public IReadOnlyList<PlannedDelivery> Allowed { get; }

    /// <summary>Reserves what <c>notifications.rate_limit</c> allows; without limits, everything passes and nothing is written.</summary>
    public static async Task<RateLimitGate> OpenAsync(
        RateLimitOptions? limits,
        string stateFile,
        IReadOnlyList<PlannedDelivery> planned,
        SpecEventNotifierOptions options,
        Dictionary<object, DeliveryResult> results,
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
                results[delivery] = new DeliveryResult(delivery.Target, DeliveryStatus.Failed, 0, TimeSpan.Zero, masker.Apply($"rate-limit state file unusable: {error.Message}"));
            }

            return new RateLimitGate(null, null, [], log);
        }

        Warn(log, reservation.Warning);
        var allowed = new List<PlannedDelivery>();
        foreach (var delivery in planned)
        {
            if (reservation.Verdicts[delivery.Target] is { } reason)
            {
                results[delivery] = new DeliveryResult(delivery.Target, DeliveryStatus.RateLimited, 0, TimeSpan.Zero, reason);
                log.Write(DeliveryLogLevel.Warning, $"{delivery.Target}: not sent, {reason}.");
            }
            else
            {
                allowed.Add(delivery);
            }
        }

        return new RateLimitGate(store, reservation, allowed, log);
    }

    /// <summary>Commits the <paramref name="delivered"/> targets and releases every other reservation of this run.</summary>
    public async Task CloseAsync(IReadOnlyCollection<string> delivered)
    {
        if (store is null || reservation is null)
        {
            return;
        }

        try
        {
            Warn(log, await store.CompleteAsync(reservation, delivered, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The reservations then expire by themselves; the deliveries already happened.
            log.Write(DeliveryLogLevel.Warning, $"Could not record the sends in the rate-limit state file: {error.Message}");
        }
    }

    private static void Warn(IDeliveryLog log, string? warning)
    {
        if (warning is not null)
        {
            log.Write(DeliveryLogLevel.Warning, char.ToUpperInvariant(warning[0]) + warning[1..] + "; sending as if it were empty.");
        }
    }
}
