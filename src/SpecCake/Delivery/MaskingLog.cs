using SpecCake.Configuration;

namespace SpecCake.Delivery;

/// <summary>Masks every line on its way to the caller's log: what the engines write never shows a secret.</summary>
/// <param name="inner">The caller's log; null writes nothing.</param>
/// <param name="masker">The run's secrets.</param>
internal sealed class MaskingLog(IDeliveryLog? inner, SecretMasker masker) : IDeliveryLog
{
    public void Write(DeliveryLogLevel level, string message) => inner?.Write(level, masker.Apply(message));
}
