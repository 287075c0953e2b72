using System.Net;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.Discord;

/// <summary>
/// Discord webhook (<c>DISCORD_WEBHOOK_URL</c>): one embed per event. Discord answers 204 (200 with
/// <c>?wait=true</c>); its 429 carries <c>retry_after</c> in the body, which the pipeline honours.
/// </summary>
internal sealed class DiscordNotifier : INotifier
{
    public string Name => DiscordIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Discord is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        var options = context.Config.Integrations.Discord!;
        if (!Subscriptions.Includes(options.NotifyOn, specEvent))
        {
            return [];
        }

        var url = context.RequireWebhookUrl(DiscordIntegration.WebhookUrl.Name, Name);
        return [new HttpDelivery(
            Name,
            HttpRequestDescription.PostJson(url, DiscordMessage.Render(specEvent, options)),
            context.RetryPolicy,
            status => status is HttpStatusCode.NoContent or HttpStatusCode.OK)];
    }
}
