namespace SpecCake.Delivery;

/// <summary>
/// How hard one integration tries before a delivery counts as failed. Plain options, as in
/// Polly: the pipeline built from them lives as long as the integration's client.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Retries after the first attempt (webhooks: the endpoint's <c>retry_count</c>).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first backoff delay; doubled on each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one attempt may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The budget for all attempts and waits together.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one fails the delivery instead of stalling CI.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The defaults, for every integration without a setting of its own.</summary>
    public static RetryPolicy Default { get; } = new();
}
