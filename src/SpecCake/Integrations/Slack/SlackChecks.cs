using SpecCake.Checks;

namespace SpecCake.Integrations.Slack;

/// <summary>Slack has no read endpoint for an incoming webhook: its URL's shape is what can be checked.</summary>
internal static class SlackChecks
{
    public static IReadOnlyList<IIntegrationCheck> For() =>
    [
        new WebhookUrlCheck(
            SlackIntegration.WebhookUrl.Name,
            "Slack",
            "https://hooks.slack.com/services/T…/B…/…",
            host => host is "hooks.slack.com" or "hooks.slack-gov.com",
            path => path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["services", { Length: > 0 }, { Length: > 0 }, { Length: > 0 }]
                or ["triggers", ..] or ["workflows", ..]),
    ];
}
