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
    public static ResiliencePipeline<HttpResponseMessage> Create(
        RetryPolicy policy,
        TimeProvider? timeProvider = null,
        Func<OnRetryArguments<HttpResponseMessage>, ValueTask>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(policy);

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
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
                DelayGenerator = args => ServerRequestedDelayAsync(args.Outcome.Result, policy.MaxRetryAfter),
                OnRetry = onRetry,
            });
        }

        builder.AddTimeout(policy.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Whether a status is worth retrying: 408, 429 and every 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

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

        var delay = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => await RetryAfterFromBodyAsync(response).ConfigureAwait(false),
        };

        if (delay is null)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
    }

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
