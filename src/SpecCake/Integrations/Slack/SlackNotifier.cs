using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.Slack;

/// <summary>Slack incoming webhook (<c>SLACK_WEBHOOK_URL</c>): one POST per subscribed event.</summary>
internal sealed class SlackNotifier : INotifier
{
    public string Name => SlackIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Slack is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        var options = context.Config.Integrations.Slack!;
        if (!Subscriptions.Includes(options.NotifyOn, specEvent))
        {
            return [];
        }

        var url = context.RequireWebhookUrl(SlackIntegration.WebhookUrl.Name, Name);
        var body = SlackMessage.Render(specEvent, options);
        return [new HttpDelivery(Name, HttpRequestDescription.PostJson(url, body), context.RetryPolicy)];
    }
}
