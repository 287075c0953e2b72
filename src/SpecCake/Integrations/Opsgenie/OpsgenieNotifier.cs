using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.Opsgenie;

/// <summary>
/// Opsgenie Alert API v2 (<c>OPSGENIE_API_KEY</c> as <c>Authorization: GenieKey …</c>): an alert for
/// each <c>alert_on</c> event, aliased per repository and spec so repeats deduplicate;
/// <c>implementation_completed</c> of that spec closes it by alias whenever the integration alerts on failures.
/// </summary>
internal sealed class OpsgenieNotifier : INotifier
{
    /// <summary>The public API host (docs/design/contract.md#service-urls); EU accounts use <c>https://api.eu.opsgenie.com</c> as <c>api_url</c>.</summary>
    public const string DefaultApiUrl = "https://api.opsgenie.com";

    public string Name => OpsgenieIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Opsgenie is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        var options = context.Config.Integrations.Opsgenie!;
        var closes = Incident.IsResolvedBy(options.AlertOn, specEvent);
        if (!closes && !Subscriptions.Includes(options.AlertOn, specEvent))
        {
            return [];
        }

        if (!OpsgenieAlert.Priorities.Contains(options.Priority.Trim().ToUpperInvariant()))
        {
            throw new DeliveryConfigurationException(
                $"integrations.opsgenie.priority must be one of {string.Join(", ", OpsgenieAlert.Priorities)}.");
        }

        var apiKey = context.RequireSecret(OpsgenieIntegration.ApiKey.Name, Name);
        var baseUrl = ApiBaseUrl.Resolve(options.ApiUrl, DefaultApiUrl, Name);
        HttpHeader[] headers = [new("Authorization", "GenieKey " + apiKey, IsSecret: true)];
        var request = closes
            ? HttpRequestDescription.PostJson(
                ApiBaseUrl.Combine(baseUrl, $"/v2/alerts/{AliasSegment(specEvent)}/close?identifierType=alias"),
                OpsgenieAlert.Close(specEvent),
                headers)
            : HttpRequestDescription.PostJson(ApiBaseUrl.Combine(baseUrl, "/v2/alerts"), OpsgenieAlert.Create(specEvent, options), headers);
        // Opsgenie folds an alert whose alias is open into it (a count), and closing by alias is idempotent.
        return [new HttpDelivery(Name, request, context.RetryPolicy, deduplicationKey: "alias")];
    }

    /// <summary>The alias as a path segment: escaped, but its colons left as they are (valid in a segment, and readable in dry-run).</summary>
    private static string AliasSegment(SpecEvent specEvent) =>
        Uri.EscapeDataString(OpsgenieAlert.Alias(specEvent)).Replace("%3A", ":", StringComparison.Ordinal);
}
