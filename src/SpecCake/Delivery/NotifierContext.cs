using SpecCake.Configuration;
using SpecCake.Http;

namespace SpecCake.Delivery;

/// <summary>What a notifier may use to plan its deliveries.</summary>
public sealed class NotifierContext
{
    private readonly SecretMasker _masker;

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
        this._masker = masker ?? throw new ArgumentNullException(nameof(masker));
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

    /// <summary>
    /// <c>--dryrun</c>: a required secret that is not set stands as its placeholder
    /// (<c>&lt;SLACK_WEBHOOK_URL not set&gt;</c>) instead of failing the integration, since nothing is sent.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>An environment variable's value, trimmed; null when unset or blank.</summary>
    /// <param name="name">The variable, e.g. <c>SLACK_WEBHOOK_URL</c>.</param>
    public string? GetSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    /// <summary>
    /// An environment variable's value, registered as a secret. In a dry run an unset one is its
    /// placeholder (<see cref="NotSet.Placeholder"/>).
    /// </summary>
    /// <param name="name">The variable.</param>
    /// <param name="integration">The integration that needs it (its key), for the error message.</param>
    /// <exception cref="DeliveryConfigurationException">The variable is unset or blank, and this is no dry run.</exception>
    public string RequireSecret(string name, string integration)
    {
        if (GetSecret(name) is not { } value)
        {
            return DryRun
                ? NotSet.Placeholder(name)
                : throw new DeliveryConfigurationException(Integrations.SecretCheck.NotSet(integration, [name]));
        }

        AddSecret(value);
        return value;
    }

    /// <summary>
    /// A webhook URL kept in a secret (Slack, Teams, Discord): required, registered as a secret, and
    /// checked to be https (or loopback http) with an error that names the variable, never the URL.
    /// In a dry run an unset one is a stand-in that the printed request shows as its placeholder.
    /// </summary>
    /// <param name="name">The variable, e.g. <c>SLACK_WEBHOOK_URL</c>.</param>
    /// <param name="integration">The integration that needs it (its key), for the error message.</param>
    /// <exception cref="DeliveryConfigurationException">The variable is unset, blank or not such a URL.</exception>
    public Uri RequireWebhookUrl(string name, string integration)
    {
        var value = RequireSecret(name, integration);
        return NotSet.IsIn(value) ? NotSet.Url(name) : ServiceUrl.Parse(value, name);
    }

    /// <summary>Registers a credential so that every output masks it as <c>***</c>.</summary>
    /// <param name="value">The value; null or blank is ignored.</param>
    public void AddSecret(string? value)
    {
        // A placeholder is no secret: masking it would hide which secret is missing.
        if (!NotSet.IsIn(value))
        {
            _masker.Add(value);
        }
    }
}
