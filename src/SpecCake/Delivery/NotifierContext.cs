using SpecCake.Configuration;

namespace SpecCake.Delivery;

/// <summary>What a notifier may use to plan its deliveries.</summary>
public sealed class NotifierContext
{
    private readonly SecretMasker masker;

    /// <summary>Creates the context.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="environment">Environment variables, including the secrets.</param>
    /// <param name="retryPolicy">The retry policy for integrations without their own setting.</param>
    /// <param name="masker">Where credentials are registered for masking.</param>
    public NotifierContext(
        SpecCakeConfig config,
        IReadOnlyDictionary<string, string?> environment,
        RetryPolicy retryPolicy,
        SecretMasker masker)
    {
        Config = config ?? throw new ArgumentNullException(nameof(config));
        Environment = environment ?? throw new ArgumentNullException(nameof(environment));
        RetryPolicy = retryPolicy ?? throw new ArgumentNullException(nameof(retryPolicy));
        this.masker = masker ?? throw new ArgumentNullException(nameof(masker));
    }

    /// <summary>The configuration (already validated and interpolated).</summary>
    public SpecCakeConfig Config { get; }

    /// <summary>Environment variables, including the secrets of <see cref="SecretNames"/>.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The retry policy to send with (webhooks override its retry count per endpoint).</summary>
    public RetryPolicy RetryPolicy { get; }

    /// <summary>The event's identity across re-runs of the same CI run (<see cref="DeliveryIdentity"/>); null outside CI.</summary>
    public string? EventIdentity { get; init; }

    /// <summary>
    /// The id of one delivery, fixed before its first attempt: the same on every retry, and on a
    /// re-run of the same CI run, so that the receiver can drop a repeat (webhooks' <c>X-SpecCake-Delivery</c>,
    /// Sentry's event id).
    /// </summary>
    /// <param name="target">The delivery target, e.g. <c>webhooks/ci</c>.</param>
    public Guid DeliveryId(string target) => DeliveryIdentity.DeliveryId(EventIdentity, target);

    /// <summary>An environment variable's value, trimmed; null when unset or blank.</summary>
    /// <param name="name">The variable, e.g. <see cref="SecretNames.SlackWebhookUrl"/>.</param>
    public string? GetSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    /// <summary>An environment variable's value, registered as a secret.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="integration">The integration that needs it, for the error message.</param>
    /// <exception cref="DeliveryConfigurationException">The variable is unset or blank.</exception>
    public string RequireSecret(string name, string integration)
    {
        var value = GetSecret(name) ?? throw new DeliveryConfigurationException(
            $"{integration} is enabled but the secret {name} is not set (add it to the repository's Actions secrets and pass it to the step's env).");
        AddSecret(value);
        return value;
    }

    /// <summary>
    /// A webhook URL kept in a secret (Slack, Teams, Discord): required, registered as a secret, and
    /// checked to be https (or loopback http) with an error that names the variable, never the URL.
    /// </summary>
    /// <param name="name">The variable, e.g. <see cref="SecretNames.SlackWebhookUrl"/>.</param>
    /// <param name="integration">The integration that needs it, for the error message.</param>
    /// <exception cref="DeliveryConfigurationException">The variable is unset, blank or not such a URL.</exception>
    public Uri RequireWebhookUrl(string name, string integration) =>
        ServiceUrl.Parse(RequireSecret(name, integration), name);

    /// <summary>Registers a credential so that every output masks it as <c>***</c>.</summary>
    /// <param name="value">The value; null or blank is ignored.</param>
    public void AddSecret(string? value) => masker.Add(value);
}
