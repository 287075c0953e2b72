using System.Collections.Concurrent;
using System.Net.Security;
using SpecCake.Configuration;
using SpecCake.Http;

namespace SpecCake.Delivery;

/// <summary>What a <see cref="PlannedDelivery"/> may use while sending.</summary>
public sealed class DeliveryContext
{
    private readonly ConcurrentDictionary<object, Lazy<object>> _pipelines = new();

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

    /// <summary>The pipelines built so far: one per key asked for with <see cref="Pipeline{TPipeline}"/>.</summary>
    internal int PipelinesBuilt => _pipelines.Count;

    /// <summary>
    /// The resilience pipeline for <paramref name="key"/>: built by <paramref name="build"/> the first
    /// time a delivery asks for it, then shared by every delivery sent with this context, so an
    /// integration builds its pipeline once per run, not once per send. Key it by all the pipeline is
    /// made of (the delivery's kind, its <see cref="RetryPolicy"/>, its <see cref="DeliveryGuarantee"/>);
    /// what belongs to one send goes in its <see cref="DeliveryCall"/>.
    /// </summary>
    /// <typeparam name="TPipeline">The pipeline's type.</typeparam>
    /// <param name="key">What the pipeline is made of, with value equality (a tuple).</param>
    /// <param name="build">Builds it; called once per key.</param>
    public TPipeline Pipeline<TPipeline>(object key, Func<TPipeline> build)
        where TPipeline : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(build);
        return (TPipeline)_pipelines.GetOrAdd(key, _ => new Lazy<object>(build)).Value;
    }

    /// <summary>
    /// Overrides TLS server certificate validation for non-HTTP deliveries (SMTP). Null means the
    /// system's validation; tests set it to trust the certificate they generated.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }
}
