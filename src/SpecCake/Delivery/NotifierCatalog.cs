using SpecCake.Integrations.Discord;
using SpecCake.Integrations.Email;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Teams;
using SpecCake.Integrations.Webhooks;
using SpecCake.Integrations.PagerDuty;
using SpecCake.Integrations.Opsgenie;
using SpecCake.Integrations.Datadog;
using SpecCake.Integrations.NewRelic;
using SpecCake.Integrations.Sentry;

namespace SpecCake.Delivery;

/// <summary>
/// Every notification integration SpecCake knows, in summary order. Adding one is its folder
/// under <c>Integrations/</c> plus one line here.
/// </summary>
public static class NotifierCatalog
{
    /// <summary>The registered notifiers.</summary>
    public static IReadOnlyList<INotifier> All { get; } =
    [
        new SlackNotifier(),
        new TeamsNotifier(),
        new DiscordNotifier(),
        new EmailNotifier(),
        new WebhooksNotifier(),
        new PagerDutyNotifier(),
        new OpsgenieNotifier(),
        new DatadogNotifier(),
        new NewRelicNotifier(),
        new SentryNotifier(),
    ];
}
