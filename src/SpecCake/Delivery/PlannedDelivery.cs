using Polly;
using Polly.Timeout;
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
    protected internal void LogRetry(DeliveryContext context, string? reason, TimeSpan wait, int attemptNumber)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Log.Write(
            DeliveryLogLevel.Verbose,
            $"{Target}: {reason}; retrying in {HttpResilience.Describe(wait)} (attempt {attemptNumber + 2} of {Policy.MaxRetries + 1}).");
    }

    /// <summary>
    /// Sends through the integration's <paramref name="pipeline"/> (built once:
    /// <see cref="DeliveryContext.Pipeline{TPipeline}"/>), <paramref name="attempt"/> once per attempt,
    /// with this send's <see cref="DeliveryCall"/> in a pooled <see cref="ResilienceContext"/> for the
    /// pipeline's callbacks. A timeout is the failure every delivery words alike; <paramref name="failed"/>
    /// turns any other exception into an outcome, or null to leave it to the engine.
    /// </summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="context">The HTTP client, log and clock.</param>
    /// <param name="attempt">One attempt; it sets <see cref="DeliveryCall.HandedOver"/> once its message is on its way.</param>
    /// <param name="answered">The outcome of the answer the last attempt got.</param>
    /// <param name="failed">The outcome of an exception, or null.</param>
    /// <param name="cancellationToken">Cancels the whole delivery.</param>
    protected Task<DeliveryOutcome> SendThroughAsync<TResult>(
        ResiliencePipeline<TResult> pipeline,
        DeliveryContext context,
        Func<DeliveryCall, CancellationToken, ValueTask<TResult>> attempt,
        Func<TResult, DeliveryCall, ValueTask<DeliveryOutcome>> answered,
        Func<Exception, DeliveryCall, DeliveryOutcome?> failed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(attempt);
        return RunAsync(
            context,
            (resilience, call) => pipeline.ExecuteAsync(
                (inner, state) =>
                {
                    state.call.BeginAttempt();
                    return state.attempt(state.call, inner.CancellationToken);
                },
                resilience,
                (call, attempt)),
            answered,
            failed,
            cancellationToken);
    }

    /// <summary>
    /// <see cref="SendThroughAsync{TResult}"/> for a delivery whose attempt returns nothing (SMTP, an
    /// SDK): sent once an attempt completes.
    /// </summary>
    /// <param name="pipeline">The pipeline (<see cref="OperationResilience"/>).</param>
    /// <param name="context">The HTTP client, log and clock.</param>
    /// <param name="attempt">One attempt; it sets <see cref="DeliveryCall.HandedOver"/> once its message is on its way.</param>
    /// <param name="failed">The outcome of an exception, or null.</param>
    /// <param name="cancellationToken">Cancels the whole delivery.</param>
    protected Task<DeliveryOutcome> SendThroughAsync(
        ResiliencePipeline pipeline,
        DeliveryContext context,
        Func<DeliveryCall, CancellationToken, ValueTask> attempt,
        Func<Exception, DeliveryCall, DeliveryOutcome?> failed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(attempt);
        return RunAsync(
            context,
            async (resilience, call) =>
            {
                await pipeline.ExecuteAsync(
                    async (inner, state) =>
                    {
                        state.call.BeginAttempt();
                        await state.attempt(state.call, inner.CancellationToken).ConfigureAwait(false);
                    },
                    resilience,
                    (call, attempt)).ConfigureAwait(false);
                return true;
            },
            (_, call) => ValueTask.FromResult(DeliveryOutcome.Sent(call.Attempts)),
            failed,
            cancellationToken);
    }

    /// <summary>
    /// Why a delivery timed out: its total budget ran out, or one attempt got no answer in time (the
    /// pipeline's attempt timeout, or the client's own <see cref="TimeoutException"/> racing it).
    /// </summary>
    private string TimedOut(Exception timeout, DeliveryCall call)
    {
        var limit = timeout is TimeoutRejectedException rejected ? rejected.Timeout : Policy.AttemptTimeout;
        if (limit >= Policy.TotalTimeout)
        {
            return $"gave up after the total budget of {HttpResilience.Describe(Policy.TotalTimeout)}{AttemptsSuffix(call.Attempts)}";
        }

        var notRetried = call.HandedOver && Guarantee == DeliveryGuarantee.AtMostOnce ? NotRetriedSuffix() : string.Empty;
        return $"timed out: no answer within {HttpResilience.Describe(limit)}{notRetried}{AttemptsSuffix(call.Attempts)}";
    }

    private async Task<DeliveryOutcome> RunAsync<TResult>(
        DeliveryContext context,
        Func<ResilienceContext, DeliveryCall, ValueTask<TResult>> execute,
        Func<TResult, DeliveryCall, ValueTask<DeliveryOutcome>> answered,
        Func<Exception, DeliveryCall, DeliveryOutcome?> failed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answered);
        ArgumentNullException.ThrowIfNull(failed);
        var call = new DeliveryCall(this, context);
        var resilience = ResilienceContextPool.Shared.Get(Target, cancellationToken);
        call.Attach(resilience);
        TResult result;
        try
        {
            result = await execute(resilience, call).ConfigureAwait(false);
        }
        catch (Exception timeout) when (timeout is TimeoutRejectedException or TimeoutException)
        {
            return DeliveryOutcome.Failed(call.Attempts, TimedOut(timeout, call));
        }
        catch (Exception error) when (failed(error, call) is { } outcome)
        {
            return outcome;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }

        return await answered(result, call).ConfigureAwait(false);
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
