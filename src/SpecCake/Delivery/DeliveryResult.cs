namespace SpecCake.Delivery;

/// <summary>One row of the summary: what happened to one delivery target.</summary>
/// <param name="Target">The integration (or <c>webhooks/&lt;endpoint&gt;</c>).</param>
/// <param name="Status">The result.</param>
/// <param name="Attempts">Attempts made; 0 when nothing was sent.</param>
/// <param name="Elapsed">Time spent sending, retries and waits included.</param>
/// <param name="Reason">Why it was skipped, rate-limited or failed; masked.</param>
public sealed record DeliveryResult(string Target, DeliveryStatus Status, int Attempts, TimeSpan Elapsed, string? Reason);

/// <summary>The result of one delivery.</summary>
public enum DeliveryStatus
{
    /// <summary>The service accepted it.</summary>
    Sent,
    /// <summary>Not sent: the integration did not subscribe to the event.</summary>
    Skipped,
    /// <summary>Not sent: <c>notifications.rate_limit</c> was reached.</summary>
    RateLimited,
    /// <summary>Still failing after its retries, or not sendable (missing secret).</summary>
    Failed,
    /// <summary><c>--dryrun</c>: built and printed, not sent.</summary>
    DryRun,
    /// <summary>Not sent again: an earlier attempt of the same CI run delivered it (<see cref="DeliveryIdentity"/>).</summary>
    AlreadyDelivered,
}
