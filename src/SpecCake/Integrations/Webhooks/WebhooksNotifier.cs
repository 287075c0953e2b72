using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;

namespace SpecCake.Integrations.Webhooks;

/// <summary>
/// Custom webhooks: the payload of contract §5 to every endpoint subscribed to the event, each a
/// delivery of its own (<c>webhooks/&lt;name&gt;</c>) with its own <c>retry_count</c>.
/// </summary>
internal sealed class WebhooksNotifier : INotifier
{
    public string Name => "webhooks";

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Webhooks is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        var options = context.Config.Integrations.Webhooks!;

        // Every endpoint's credentials are masked, whether or not it receives this event.
        foreach (var endpoint in options.Endpoints)
        {
            context.AddSecret(endpoint.Url);
            context.AddSecret(endpoint.Secret);
            foreach (var (name, value) in endpoint.Headers)
            {
                if (HttpHeader.IsCredentialName(name))
                {
                    context.AddSecret(value);
                }
            }
        }

        var body = SpecEventPayload.Serialize(specEvent);
        return [.. options.Endpoints
            .Where(endpoint => Subscriptions.Includes(endpoint.Events, specEvent))
            .Select(endpoint => (PlannedDelivery)new HttpDelivery(
                $"{Name}/{endpoint.Name}",
                WebhookRequest.Build(endpoint, specEvent, body, Guid.NewGuid()),
                context.RetryPolicy with { MaxRetries = Math.Max(0, endpoint.RetryCount) }))];
    }
}
