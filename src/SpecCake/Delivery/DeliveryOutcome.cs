namespace SpecCake.Delivery;

/// <summary>How sending one <see cref="PlannedDelivery"/> ended, as the delivery itself reports it.</summary>
/// <param name="Delivered">Whether the service accepted it.</param>
/// <param name="Attempts">How many attempts were made (1 when it worked at once).</param>
/// <param name="Reason">Why it failed (the service's own message where there is one); null on success.</param>
public sealed record DeliveryOutcome(bool Delivered, int Attempts, string? Reason)
{
    /// <summary>Delivered after <paramref name="attempts"/> attempts.</summary>
    /// <param name="attempts">Attempts made.</param>
    public static DeliveryOutcome Sent(int attempts) => new(true, attempts, null);

    /// <summary>Not delivered.</summary>
    /// <param name="attempts">Attempts made.</param>
    /// <param name="reason">Why.</param>
    public static DeliveryOutcome Failed(int attempts, string reason) => new(false, attempts, reason);
}
