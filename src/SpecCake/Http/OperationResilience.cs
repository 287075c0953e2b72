using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SpecCake.Http;

/// <summary>
/// The retry pipeline for deliveries that are not HTTP requests (SMTP, an SDK call): the same
/// <see cref="RetryPolicy"/> limits as <see cref="HttpResilience"/>, retrying only the failures
/// the delivery calls transient.
/// </summary>
public static class OperationResilience
{
    /// <summary>Builds a pipeline; build it once per integration, not per send.</summary>
    /// <param name="policy">The limits.</param>
    /// <param name="isTransient">
    /// Which failures are worth another attempt. An attempt timeout arrives as a
    /// <see cref="TimeoutRejectedException"/>: a delivery that must not repeat a send that may have
    /// arrived says no to it.
    /// </param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="onRetry">Called before each retry wait.</param>
    /// <param name="serverDelay">
    /// The wait the service asked for in a failure (e.g. its <c>Retry-After</c>). A wait longer than
    /// <see cref="RetryPolicy.MaxRetryAfter"/> is not taken: the failure is final. Null, or no such
    /// function, leaves the wait to the backoff.
    /// </param>
    public static ResiliencePipeline Create(
        RetryPolicy policy,
        Func<Exception, bool> isTransient,
        TimeProvider? timeProvider = null,
        Func<OnRetryArguments<object>, ValueTask>? onRetry = null,
        Func<Exception, TimeSpan?>? serverDelay = null)
    {
        ArgumentNullException.ThrowIfNull(isTransient);
        return Create(policy, (exception, _) => isTransient(exception), timeProvider, onRetry, serverDelay);
    }

    /// <summary>
    /// Builds a pipeline whose idea of transient depends on the call: <paramref name="isTransient"/>
    /// reads that call's state from its <see cref="ResilienceContext"/> (e.g. whether the message was
    /// already handed over), so one pipeline serves every call.
    /// </summary>
    /// <param name="policy">The limits.</param>
    /// <param name="isTransient">Which failures of this call are worth another attempt.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="onRetry">Called before each retry wait.</param>
    /// <param name="serverDelay">The wait the service asked for in a failure; see the other overload.</param>
    public static ResiliencePipeline Create(
        RetryPolicy policy,
        Func<Exception, ResilienceContext, bool> isTransient,
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
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception &&
                    (exception is TimeoutRejectedException || exception is not OperationCanceledException) &&
                    isTransient(exception, args.Context) &&
                    !(serverDelay?.Invoke(exception) > policy.MaxRetryAfter)),
                DelayGenerator = serverDelay is null
                    ? null
                    : args => ValueTask.FromResult(args.Outcome.Exception is { } exception ? serverDelay(exception) : null),
                OnRetry = onRetry,
            });
        }

        builder.AddTimeout(policy.AttemptTimeout);
        return builder.Build();
    }
}
