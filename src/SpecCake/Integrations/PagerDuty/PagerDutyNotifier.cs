using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.PagerDuty;

/// <summary>
/// PagerDuty Events API v2 (<c>PAGERDUTY_ROUTING_KEY</c>): a <c>trigger</c> for each <c>alert_on</c>
/// event, deduplicated per repository and spec; <c>implementation_completed</c> of that spec sends a
/// <c>resolve</c> with the same key whenever the integration alerts on failures.
/// </summary>
internal sealed class PagerDutyNotifier : INotifier
{
    /// <summary>The public Events API host (docs/design/contract.md#service-urls).</summary>
    public const string DefaultApiUrl = "https://events.pagerduty.com";

    public string Name => PagerDutyIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.PagerDuty is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        var options = context.Config.Integrations.PagerDuty!;
        var resolves = Incident.IsResolvedBy(options.AlertOn, specEvent);
        if (!resolves && !Subscriptions.Includes(options.AlertOn, specEvent))
        {
            return [];
        }

        if (!PagerDutyEvent.Severities.Contains(options.Severity.Trim().ToLowerInvariant()))
        {
            throw new DeliveryConfigurationException(
                $"integrations.pagerduty.severity must be one of {string.Join(", ", PagerDutyEvent.Severities)}.");
        }

        var routingKey = context.RequireSecret(PagerDutyIntegration.RoutingKey.Name, Name);
        var url = ApiBaseUrl.Combine(ApiBaseUrl.Resolve(options.ApiUrl, DefaultApiUrl, Name), "/v2/enqueue");
        var body = resolves ? PagerDutyEvent.Resolve(specEvent, routingKey) : PagerDutyEvent.Trigger(specEvent, options, routingKey);
        return [new HttpDelivery(Name, HttpRequestDescription.PostJson(url, body), context.RetryPolicy, deduplicationKey: "dedup_key")];
    }
}
