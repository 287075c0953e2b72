using Polly;

namespace SpecCake.Delivery;

/// <summary>
/// One <see cref="PlannedDelivery.SendAsync"/> in progress: the delivery, its context, the attempts
/// made so far and whether the current one handed its message over. An integration's pipeline is
/// built once (<see cref="DeliveryContext.Pipeline{TPipeline}"/>) and shared by every delivery that
/// sends with the same limits, so what belongs to one send travels in the
/// <see cref="ResilienceContext"/> of that send, where the pipeline's callbacks find it with <see cref="Of"/>.
/// </summary>
public sealed class DeliveryCall
{
    private static readonly ResiliencePropertyKey<DeliveryCall> Key = new("SpecCake.DeliveryCall");
    private int _attempts;
    private volatile bool _handedOver;

    internal DeliveryCall(PlannedDelivery delivery, DeliveryContext context)
    {
        Delivery = delivery;
        Context = context;
    }

    /// <summary>The delivery being sent.</summary>
    public PlannedDelivery Delivery { get; }

    /// <summary>The HTTP client, log and clock it sends with.</summary>
    public DeliveryContext Context { get; }

    /// <summary>The attempts started so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>
    /// Whether the current attempt got as far as handing the message over, so that a timeout or a
    /// lost connection from then on leaves its arrival unknown.
    /// </summary>
    public bool HandedOver
    {
        get => _handedOver;
        set => _handedOver = value;
    }

    /// <summary>The call a pipeline callback runs for.</summary>
    /// <param name="context">The callback's <see cref="ResilienceContext"/>.</param>
    /// <exception cref="InvalidOperationException">The pipeline was not run through <see cref="PlannedDelivery"/>'s send.</exception>
    public static DeliveryCall Of(ResilienceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Properties.TryGetValue(Key, out var call)
            ? call
            : throw new InvalidOperationException("A delivery pipeline ran without its DeliveryCall.");
    }

    /// <summary>Logs a coming retry, as every delivery words it.</summary>
    /// <param name="reason">Why the last attempt failed, e.g. <c>HTTP 429</c>.</param>
    /// <param name="wait">The wait before the next attempt.</param>
    /// <param name="attemptNumber">Polly's 0-based number of the attempt that failed.</param>
    public ValueTask RetryingAsync(string? reason, TimeSpan wait, int attemptNumber)
    {
        Delivery.LogRetry(Context, reason, wait, attemptNumber);
        return ValueTask.CompletedTask;
    }

    internal void Attach(ResilienceContext context) => context.Properties.Set(Key, this);

    internal void BeginAttempt()
    {
        Interlocked.Increment(ref _attempts);
        _handedOver = false;
    }
}
