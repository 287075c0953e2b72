using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SpecCake.Delivery;

/// <summary>
/// Builds the Polly pipeline every HTTP integration sends through: retries on network errors,
/// timeouts, 408, 429 and 5xx only (any other 4xx is the caller's mistake and fails at once),
/// exponential backoff with jitter, <c>Retry-After</c> (and Discord's <c>retry_after</c> body)
/// honoured, a timeout per attempt and a budget for the whole.
/// </summary>
public static class HttpResilience
{
    /// <summary>Builds a pipeline; build it once per integration, not per request.</summary>
    /// <param name="policy">The limits.</param>
    /// <param name="timeProvider">The clock; tests pass a fake so they never sleep.</param>
    /// <param name="onRetry">Called before each retry wait, e.g. to log or count attempts.</param>
    /// <param name="isTransient">
    /// Which outcomes are worth another attempt; by default <see cref="IsTransient(Outcome{HttpResponseMessage})"/>.
    /// A caller that must not repeat a request that may have taken effect narrows it.
    /// </param>
    public static ResiliencePipeline<HttpResponseMessage> Create(
        RetryPolicy policy,
        TimeProvider? timeProvider = null,
        Func<OnRetryArguments<HttpResponseMessage>, ValueTask>? onRetry = null,
        Func<Outcome<HttpResponseMessage>, bool>? isTransient = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        isTransient ??= IsTransient;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            TimeProvider = timeProvider ?? TimeProvider.System,
        };

        builder.AddTimeout(policy.TotalTimeout);
        if (policy.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = policy.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(isTransient(args.Outcome)),
                DelayGenerator = args => ServerRequestedDelayAsync(args.Outcome.Result, policy.MaxRetryAfter),
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

    /// <summary>Whether an attempt is worth repeating: a network error, an attempt timeout, or a transient status.</summary>
    /// <param name="outcome">The attempt's response or exception.</param>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Exception is null && outcome.Result is { } response && IsTransient(response.StatusCode));

    /// <summary>Whether the server certainly did not act on the request (408, 429), so even a create may be repeated.</summary>
    /// <param name="outcome">The attempt's response or exception.</param>
    public static bool IsRefused(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is null && outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    /// <summary>
    /// The wait the server asked for, from <c>Retry-After</c> (seconds or a date) or a JSON body's
    /// <c>retry_after</c> (Discord, in seconds); <c>null</c> lets Polly's backoff decide.
    /// A wait longer than <paramref name="max"/> is clamped to it.
    /// </summary>
    internal static async ValueTask<TimeSpan?> ServerRequestedDelayAsync(HttpResponseMessage? response, TimeSpan max)
    {
        if (response is null)
        {
            return null;
        }

        var delay = RetryAfter(response) ?? await RetryAfterFromBodyAsync(response).ConfigureAwait(false);
        return Clamp(delay, max);
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or a date); null without one.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    /// <summary>A server-requested wait kept between zero and <paramref name="max"/>; null stays null.</summary>
    internal static TimeSpan? Clamp(TimeSpan? delay, TimeSpan max) =>
        delay is null ? null : delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;

    private static async ValueTask<TimeSpan?> RetryAfterFromBodyAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests ||
            response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            if (json.RootElement.ValueKind == JsonValueKind.Object &&
                json.RootElement.TryGetProperty("retry_after", out var value) &&
                value.ValueKind == JsonValueKind.Number)
            {
                return TimeSpan.FromSeconds(value.GetDouble());
            }
        }
        catch (JsonException)
        {
            // A body that is not JSON carries no hint; fall back to exponential backoff.
        }

        return null;
    }

    /// <summary>Formats a wait for the summary, e.g. <c>1.5s</c>.</summary>
    public static string Describe(TimeSpan wait) =>
        wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}
