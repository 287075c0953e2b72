using SpecCake.Checks;

namespace SpecCake.Integrations.Teams;

/// <summary>
/// Teams has no read endpoint for an incoming webhook: its URL's shape is what can be checked. Teams
/// webhooks are Workflows (Power Automate) URLs, or the older Office 365 connector URLs.
/// </summary>
internal static class TeamsChecks
{
    public static IReadOnlyList<IIntegrationCheck> For() =>
    [
        new WebhookUrlCheck(
            TeamsIntegration.WebhookUrl.Name,
            "Teams",
            "https://….logic.azure.com/workflows/…/triggers/manual/paths/invoke?… (Workflows) or https://….webhook.office.com/webhookb2/…",
            host => host.EndsWith(".logic.azure.com", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".api.powerplatform.com", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".webhook.office.com", StringComparison.OrdinalIgnoreCase),
            path => path.Contains("/workflows/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/webhookb2/", StringComparison.OrdinalIgnoreCase)),
    ];
}
