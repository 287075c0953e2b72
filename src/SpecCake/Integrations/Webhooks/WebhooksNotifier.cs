using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.Webhooks;

/// <summary>
/// Custom webhooks: the payload of docs/design/contract.md#payload to every endpoint subscribed to the event, each a
/// delivery of its own (<c>webhooks/&lt;name&gt;</c>) with its own <c>retry_count</c>.
/// </summary>
internal sealed class WebhooksNotifier : INotifier
{
    public string Name => WebhooksIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Webhooks is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        var options = context.Config.Integrations.Webhooks!;

        // Every endpoint's credentials are masked, whether or not it receives this event. Its URL is
        // shown as written in the file, less its token-like parts (a ${VAR} in it is masked on its own).
        foreach (var endpoint in options.Endpoints)
        {
            foreach (var token in SecretMasker.TokensOf(endpoint.Url))
            {
                context.AddSecret(token);
            }

            if (!NotSet.IsIn(endpoint.Secret))
            {
                context.AddSecret(endpoint.Secret);
            }

            foreach (var (name, value) in endpoint.Headers)
            {
                if (HttpHeader.IsCredentialName(name))
                {
                    context.AddSecret(value);
                }

                foreach (var interpolated in InterpolatedValues(value, context))
                {
                    context.AddSecret(interpolated);
                }
            }
        }

        var body = SpecEventPayload.Serialize(specEvent);
        return [.. options.Endpoints
            .Where(endpoint => Subscriptions.Includes(endpoint.Events, specEvent))
            .Select(endpoint => (PlannedDelivery)new HttpDelivery(
                $"{Name}/{endpoint.Name}",
                WebhookRequest.Build(endpoint, specEvent, body, context.DeliveryId($"{Name}/{endpoint.Name}"), value => InterpolatedValues(value, context).Any()),
                context.RetryPolicy with { MaxRetries = Math.Max(0, endpoint.RetryCount) },
                deduplicationKey: WebhookRequest.DeliveryHeader))];
    }

    /// <summary>
    /// The environment values a header value contains: the config arrives with <c>${VAR}</c>
    /// already replaced, so a value that contains a variable's (non-trivial) value is taken to
    /// have come from it, and that part is a secret.
    /// </summary>
    private static IEnumerable<string> InterpolatedValues(string headerValue, NotifierContext context) =>
        context.Environment.Values
            .OfType<string>()
            .Where(value => value.Length >= MinimumInterpolatedLength && headerValue.Contains(value, StringComparison.Ordinal));

    // Shorter environment values ("true", "linux", "main") are too common to be taken for secrets.
    private const int MinimumInterpolatedLength = 8;
}
