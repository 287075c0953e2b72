using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SpecCake.Delivery;

/// <summary>
/// The retry pipeline for deliveries that are not HTTP requests (SMTP, an SDK call): the same
/// <see cref="RetryPolicy"/> limits as <see cref="HttpResilience"/>, retrying only the exceptions
/// the delivery calls transient.
/// </summary>
public static class OperationResilience
{
    /// <summary>Builds a pipeline; build it once per delivery.</summary>
    /// <param name="policy">The limits.</param>
    /// <param name="isTransient">Which failures are worth another attempt (timeouts always are).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="onRetry">Called before each retry wait.</param>
    /// <param name="serverDelay">
    /// The wait the service asked for in a failure (e.g. its <c>Retry-After</c>), clamped to
    /// <see cref="RetryPolicy.MaxRetryAfter"/>; null, or no such function, leaves the wait to the backoff.
    /// </param>
    public static ResiliencePipeline Create(
        RetryPolicy policy,
        Func<Exception, bool> isTransient,
        TimeProvider? timeProvider = null,
        Func<OnRetryArguments<object>, ValueTask>? onRetry = null,
        Func<Exception, TimeSpan?>? serverDelay = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(isTransient);

        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        builder.AddTimeout(policy.TotalTimeout);
        if (policy.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.BaseDelay,
                ShouldHandle = new PredicateBuilder()
                    .Handle<TimeoutRejectedException>()
                    .Handle<Exception>(exception => exception is not OperationCanceledException && isTransient(exception)),
                DelayGenerator = serverDelay is null
                    ? null
                    : args => ValueTask.FromResult(
                        args.Outcome.Exception is { } exception ? HttpResilience.Clamp(serverDelay(exception), policy.MaxRetryAfter) : null),
                OnRetry = onRetry,
            });
        }

        builder.AddTimeout(policy.AttemptTimeout);
        return builder.Build();
    }
}
