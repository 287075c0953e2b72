namespace SpecCake.Delivery;

/// <summary>
/// An enabled integration cannot build its deliveries (a secret or setting is missing). The
/// engine reports it as that integration's failure; the others are still sent.
/// </summary>
public sealed class DeliveryConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to provide it; never a secret value.</param>
    public DeliveryConfigurationException(string message)
        : base(message)
    {
    }
}
