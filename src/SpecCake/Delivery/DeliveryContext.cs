using System.Net.Security;
using SpecCake.Configuration;

namespace SpecCake.Delivery;

/// <summary>What a <see cref="PlannedDelivery"/> may use while sending.</summary>
public sealed class DeliveryContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="http">The shared HTTP client (no timeout of its own: Polly times attempts).</param>
    /// <param name="log">The masked log.</param>
    /// <param name="timeProvider">The clock for retries and timeouts.</param>
    public DeliveryContext(HttpClient http, IDeliveryLog log, TimeProvider timeProvider)
    {
        Http = http ?? throw new ArgumentNullException(nameof(http));
        Log = log ?? throw new ArgumentNullException(nameof(log));
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The shared HTTP client.</summary>
    public HttpClient Http { get; }

    /// <summary>The masked log (retries are written at <see cref="DeliveryLogLevel.Verbose"/>).</summary>
    public IDeliveryLog Log { get; }

    /// <summary>The clock for retries and timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// The run's secrets: a delivery that shortens text a service sent (an error body) masks it
    /// first with <see cref="SecretMasker.Shorten"/>, so a secret at the cut is not printed in part.
    /// </summary>
    public SecretMasker Masker { get; init; } = new();

    /// <summary>
    /// Overrides TLS server certificate validation for non-HTTP deliveries (SMTP). Null means the
    /// system's validation; tests set it to trust the certificate they generated.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }
}
