using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.Datadog;

/// <summary>
/// Datadog (<c>DATADOG_API_KEY</c>, and <c>DATADOG_APP_KEY</c> when set): every event becomes the
/// metrics of docs/design/integrations.md#datadog (<c>send_metrics</c>, target <c>datadog/metrics</c>) and an event in the event
/// stream (<c>send_events</c>, target <c>datadog/events</c>), on the API host of <c>site</c>.
/// </summary>
internal sealed class DatadogNotifier : INotifier
{
    public string Name => DatadogIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Datadog is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        ArgumentNullException.ThrowIfNull(specEvent);
        var options = context.Config.Integrations.Datadog!;
        if (!options.SendMetrics && !options.SendEvents)
        {
            return [];
        }

        var apiKey = context.RequireSecret(DatadogIntegration.ApiKey.Name, Name);

        // The intake endpoints need only the API key; the application key goes along when set, as docs/design/integrations.md#datadog configures both.
        var appKey = context.GetSecret(DatadogIntegration.AppKey.Name);
        context.AddSecret(appKey);
        var headers = new List<HttpHeader> { new("DD-API-KEY", apiKey, IsSecret: true) };
        if (appKey is not null)
        {
            headers.Add(new HttpHeader("DD-APPLICATION-KEY", appKey, IsSecret: true));
        }

        var baseUrl = ApiBaseUrl.Resolve(options.ApiUrl ?? DatadogSite.ApiUrl(options.Site), "https://api.datadoghq.com", Name);
        var deliveries = new List<PlannedDelivery>();
        if (options.SendMetrics)
        {
            deliveries.Add(new HttpDelivery(
                Name + "/metrics",
                HttpRequestDescription.PostJson(ApiBaseUrl.Combine(baseUrl, "/api/v2/series"), DatadogPayload.Series(specEvent, options), headers),
                context.RetryPolicy,
                // Every point carries the event's timestamp: a repeat writes the same point again (the last write wins).
                deduplicationKey: "series and timestamp"));
        }

        if (options.SendEvents)
        {
            deliveries.Add(new HttpDelivery(
                Name + "/events",
                HttpRequestDescription.PostJson(ApiBaseUrl.Combine(baseUrl, "/api/v1/events"), DatadogPayload.Event(specEvent, options), headers),
                context.RetryPolicy));
        }

        return deliveries;
    }
}
