namespace SpecCake.Delivery;

/// <summary>
/// Where the engine writes what it does. The Cake alias passes Cake's log; the engine masks every
/// line before it gets here.
/// </summary>
public interface IDeliveryLog
{
    /// <summary>Writes one message.</summary>
    /// <param name="level">How important it is.</param>
    /// <param name="message">The text, already masked.</param>
    void Write(DeliveryLogLevel level, string message);
}

/// <summary>The levels the engine writes at (a subset of Cake's).</summary>
public enum DeliveryLogLevel
{
    /// <summary>Retries and other detail.</summary>
    Verbose,
    /// <summary>Results and dry-run requests.</summary>
    Information,
    /// <summary>Failures that do not fail the task, rate limits.</summary>
    Warning,
    /// <summary>Failures.</summary>
    Error,
}
