using System.Net;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.Teams;

/// <summary>
/// Microsoft Teams webhook (<c>TEAMS_WEBHOOK_URL</c>): an Adaptive Card in the message envelope
/// that Workflows webhooks accept, or a legacy MessageCard. Workflows answer 202, connectors 200.
/// </summary>
internal sealed class TeamsNotifier : INotifier
{
    public string Name => TeamsIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Teams is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        var options = context.Config.Integrations.Teams!;
        if (!Subscriptions.Includes(options.NotifyOn, specEvent))
        {
            return [];
        }

        var url = context.RequireWebhookUrl(TeamsIntegration.WebhookUrl.Name, Name);
        var body = options.UseAdaptiveCards ? TeamsAdaptiveCard.Render(specEvent) : TeamsMessageCard.Render(specEvent);
        return [new HttpDelivery(
            Name,
            HttpRequestDescription.PostJson(url, body),
            context.RetryPolicy,
            status => status is HttpStatusCode.OK or HttpStatusCode.Accepted)];
    }
}
