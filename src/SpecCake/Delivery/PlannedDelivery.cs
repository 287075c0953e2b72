using SpecCake.Http;

namespace SpecCake.Delivery;

/// <summary>
/// One message for one destination, fully built before anything is sent: it can be described
/// (dry-run) or sent (with its own retries). <see cref="HttpDelivery"/> covers every HTTP service;
/// a non-HTTP one (SMTP, an SDK) derives from this class directly and retries through
/// <see cref="OperationResilience"/>.
/// </summary>
public abstract class PlannedDelivery
{
    /// <summary>Creates the delivery.</summary>
    /// <param name="target">The summary name and rate-limit key: the integration's name, or
    /// <c>webhooks/&lt;endpoint&gt;</c> when one integration has several destinations.</param>
    /// <param name="policy">How hard to try.</param>
    /// <param name="deduplicationKey">
    /// What lets the service drop a repeat of this delivery (PagerDuty's <c>dedup_key</c>, an
    /// <c>X-SpecCake-Delivery</c> id, ...), so a retry after an attempt that may have arrived is
    /// safe; null when the service has none (a chat message): see <see cref="Guarantee"/>.
    /// </param>
    protected PlannedDelivery(string target, RetryPolicy policy, string? deduplicationKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        Target = target;
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        DeduplicationKey = deduplicationKey;
    }

    /// <summary>The summary name and rate-limit key.</summary>
    public string Target { get; }

    /// <summary>How hard to try.</summary>
    public RetryPolicy Policy { get; }

    /// <summary>What lets the service drop a repeat of this delivery; null when it has nothing of the kind.</summary>
    public string? DeduplicationKey { get; }

    /// <summary>
    /// At-least-once when the service deduplicates (<see cref="DeduplicationKey"/>) or
    /// <see cref="RetryPolicy.AtLeastOnce"/> asks for it: every failed attempt worth repeating is
    /// repeated. Otherwise at-most-once: an attempt that may have reached the service (a timeout or a
    /// dropped connection after sending) is not repeated, so the message never shows twice.
    /// </summary>
    public DeliveryGuarantee Guarantee =>
        DeduplicationKey is not null || Policy.AtLeastOnce ? DeliveryGuarantee.AtLeastOnce : DeliveryGuarantee.AtMostOnce;

    /// <summary>
    /// What would be sent, for <c>--dryrun</c>: for HTTP the method, URL, headers and body. Secret
    /// headers are written as <c>***</c> here; the engine masks the rest (URLs, registered values).
    /// </summary>
    public abstract string Describe();

    /// <summary>
    /// Sends, retrying as <see cref="Policy"/> allows. Reports a failure as a
    /// <see cref="DeliveryOutcome"/> rather than throwing; an exception is still caught by the
    /// engine and reported as this delivery's failure.
    /// </summary>
    /// <param name="context">The HTTP client, log and clock.</param>
    /// <param name="cancellationToken">Cancels the whole delivery.</param>
    public abstract Task<DeliveryOutcome> SendAsync(DeliveryContext context, CancellationToken cancellationToken);

    /// <summary>Logs a coming retry as every delivery words it: why, how long the wait, which attempt is next.</summary>
    /// <param name="context">Where the line is written.</param>
    /// <param name="reason">Why the last attempt failed, e.g. <c>HTTP 429</c>.</param>
    /// <param name="wait">The wait before the next attempt.</param>
    /// <param name="attemptNumber">Polly's 0-based number of the attempt that failed.</param>
    protected void LogRetry(DeliveryContext context, string? reason, TimeSpan wait, int attemptNumber)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Log.Write(
            DeliveryLogLevel.Verbose,
            $"{Target}: {reason}; retrying in {HttpResilience.Describe(wait)} (attempt {attemptNumber + 2} of {Policy.MaxRetries + 1}).");
    }

    /// <summary>
    /// Why an ambiguous failure was final for an at-most-once delivery, appended to its reason;
    /// empty when the policy allowed no retry anyway.
    /// </summary>
    protected string NotRetriedSuffix() =>
        Policy.MaxRetries > 0
            ? $"; not retried: the message may already have arrived, and {Target} cannot drop a repeat (notifications.at_least_once: true retries anyway)"
            : string.Empty;

    /// <summary>The end of a failure message once more than one attempt was made, e.g. <c> (after 4 attempts)</c>.</summary>
    /// <param name="attempts">The attempts made.</param>
    protected static string AttemptsSuffix(int attempts) =>
        attempts > 1 ? $" (after {attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)} attempts)" : string.Empty;
}

/// <summary>What a delivery promises when attempts fail in a way that leaves its arrival unknown.</summary>
public enum DeliveryGuarantee
{
    /// <summary>Never twice: an attempt that may have arrived is not repeated (it may be lost instead).</summary>
    AtMostOnce,

    /// <summary>Never lost while retries last: repeated, and the service's deduplication key drops the repeat.</summary>
    AtLeastOnce,
}
