namespace SpecCake.Http;

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

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one fails the delivery at once, with the wait asked for, instead of stalling CI.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a TCP connect plus TLS handshake may take. Short, because a connect that fails sent
    /// nothing, so it is retried even where an unanswered request is not.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>notifications.at_least_once</c>: also retry deliveries that carry no deduplication key
    /// (Slack, Teams, Discord, email, New Relic, Datadog events) after an attempt that may have
    /// reached the service (a timeout or a dropped connection once the request was sent). Off by
    /// default: those are at-most-once, so a slow service never shows a message twice.
    /// </summary>
    public bool AtLeastOnce { get; init; }

    /// <summary>The defaults, for every integration without a setting of its own.</summary>
    public static RetryPolicy Default { get; } = new();
}
