using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SpecCake.Http;

/// <summary>
/// Builds the Polly pipeline every HTTP integration sends through: retries on network errors,
/// timeouts, 408, 429 and 5xx only (any other 4xx is the caller's mistake and fails at once),
/// exponential backoff with jitter, <c>Retry-After</c> (and Discord's <c>retry_after</c> body)
/// honoured up to <see cref="RetryPolicy.MaxRetryAfter"/> (a longer wait fails at once instead), a
/// timeout per attempt and a budget for the whole.
/// </summary>
public static class HttpResilience
{
    /// <summary>Builds a pipeline; build it once per integration, not per request.</summary>
    /// <param name="policy">The limits.</param>
    /// <param name="timeProvider">The clock; tests pass a fake so they never sleep.</param>
    /// <param name="onRetry">Called before each retry wait, e.g. to log or count attempts.</param>
    /// <param name="isTransient">
    /// Which outcomes are worth another attempt; by default <see cref="IsTransient(Outcome{HttpResponseMessage})"/>.
    /// A caller that must not repeat a request that may have taken effect narrows it
    /// (<see cref="IsRefused"/>, <see cref="IsUndelivered"/>).
    /// </param>
    public static ResiliencePipeline<HttpResponseMessage> Create(
        RetryPolicy policy,
        TimeProvider? timeProvider = null,
        Func<OnRetryArguments<HttpResponseMessage>, ValueTask>? onRetry = null,
        Func<Outcome<HttpResponseMessage>, bool>? isTransient = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        isTransient ??= IsTransient;
        var time = timeProvider ?? TimeProvider.System;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        builder.AddTimeout(policy.TotalTimeout);
        if (policy.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = policy.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.BaseDelay,

                // A wait longer than the policy allows is not worth taking: the answer goes back to the caller now.
                ShouldHandle = async args => isTransient(args.Outcome) &&
                    !(await ServerRequestedDelayAsync(args.Outcome.Result, time).ConfigureAwait(false) > policy.MaxRetryAfter),
                DelayGenerator = async args => await ServerRequestedDelayAsync(args.Outcome.Result, time).ConfigureAwait(false),
                OnRetry = onRetry,
            });
        }

        builder.AddTimeout(policy.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Whether a status is worth retrying: 408, 429 and every 5xx.</summary>
    /// <param name="status">The answer's status.</param>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// Whether an attempt is worth repeating: a network error, an attempt timeout, or a transient
    /// status. A redirect or an oversized answer is not: it would be the same again.
    /// </summary>
    /// <param name="outcome">The attempt's response or exception.</param>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception switch
        {
            null => outcome.Result is { } response && IsTransient(response.StatusCode),
            RedirectNotFollowedException or ResponseTooLargeException => false,
            HttpRequestException or TimeoutRejectedException => true,
            _ => false,
        };

    /// <summary>Whether the server certainly did not act on the request (408, 429), so even a create may be repeated.</summary>
    /// <param name="outcome">The attempt's response or exception.</param>
    public static bool IsRefused(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is null && outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    /// <summary>
    /// Whether a create may be repeated: the server refused it (408, 429) or the connection never
    /// opened. A 5xx or a lost connection may have created the item, so it is not retried.
    /// </summary>
    /// <param name="outcome">The attempt's response or exception.</param>
    public static bool IsRefusedOrNeverSent(Outcome<HttpResponseMessage> outcome) =>
        IsRefused(outcome) || outcome.Exception is HttpRequestException network && NeverConnected(network);

    /// <summary>
    /// Whether an attempt certainly did not deliver anything, so a request without a deduplication
    /// key (a chat message) may be sent again: the connection was never made (refused, unresolvable,
    /// TLS failed, connect timeout), or the service answered 408, 429 or 5xx. Not after a timeout or a
    /// dropped connection once the request was on its way: the message may already be posted.
    /// </summary>
    /// <param name="outcome">The attempt's response or exception.</param>
    public static bool IsUndelivered(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception switch
        {
            null => outcome.Result is { } response && IsTransient(response.StatusCode),
            RedirectNotFollowedException or ResponseTooLargeException => false,
            HttpRequestException network => NeverConnected(network),
            _ => false,
        };

    /// <summary>Whether a network failure happened before the request could be sent: nothing reached the service.</summary>
    /// <param name="error">The failure.</param>
    public static bool NeverConnected(HttpRequestException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
    }

    /// <summary>
    /// Why a server-requested wait is not taken, e.g. <c>asked to retry after 999999s, more than the
    /// 30s allowed</c>; null when there is no such wait or it is within the policy.
    /// </summary>
    /// <param name="requested">The wait the service asked for.</param>
    /// <param name="policy">The policy with its <see cref="RetryPolicy.MaxRetryAfter"/>.</param>
    public static string? DescribeRefusedWait(TimeSpan? requested, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return requested is { } wait && wait > policy.MaxRetryAfter
            ? $"asked to retry after {(wait == TimeSpan.MaxValue ? "more than 29,000 years" : Describe(wait))}, more than the {Describe(policy.MaxRetryAfter)} allowed"
            : null;
    }

    /// <summary>
    /// The wait the server asked for, from <c>Retry-After</c> (seconds or a date) or a JSON body's
    /// <c>retry_after</c> (Discord, in seconds); <c>null</c> lets Polly's backoff decide. Never
    /// negative; a wait too long for a <see cref="TimeSpan"/> is <see cref="TimeSpan.MaxValue"/>.
    /// </summary>
    /// <param name="response">The answer; null for an exception.</param>
    /// <param name="timeProvider">The clock a <c>Retry-After</c> date is measured from.</param>
    public static async ValueTask<TimeSpan?> ServerRequestedDelayAsync(HttpResponseMessage? response, TimeProvider? timeProvider = null)
    {
        if (response is null)
        {
            return null;
        }

        return RetryAfter(response, timeProvider) ?? await RetryAfterFromBodyAsync(response).ConfigureAwait(false);
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or a date); null without one.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="timeProvider">The clock a date is measured from.</param>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider? timeProvider = null) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => NotNegative(delta),
        { Date: { } date } => NotNegative(date - (timeProvider ?? TimeProvider.System).GetUtcNow()),
        _ => null,
    };

    private static TimeSpan NotNegative(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    /// <summary>Seconds as a wait: never negative, and <see cref="TimeSpan.MaxValue"/> beyond what a TimeSpan holds (no overflow).</summary>
    private static TimeSpan FromSeconds(double seconds) =>
        !(seconds > 0) ? TimeSpan.Zero
        : seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue
        : TimeSpan.FromSeconds(seconds);

    private static async ValueTask<TimeSpan?> RetryAfterFromBodyAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests ||
            response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        try
        {
            // The body is already in memory, a few KB at most (BoundedResponseHandler).
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
            if (json.RootElement.ValueKind == JsonValueKind.Object &&
                json.RootElement.TryGetProperty("retry_after", out var value) &&
                value.ValueKind == JsonValueKind.Number &&
                value.TryGetDouble(out var seconds))
            {
                return FromSeconds(seconds);
            }
        }
        catch (JsonException)
        {
            // A body that is not JSON carries no hint; fall back to exponential backoff.
        }

        return null;
    }

    /// <summary>Formats a wait for the summary, e.g. <c>1.5s</c>.</summary>
    /// <param name="wait">The wait.</param>
    public static string Describe(TimeSpan wait) =>
        wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}
