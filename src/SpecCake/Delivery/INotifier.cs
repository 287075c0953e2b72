using SpecCake.Configuration;
using SpecCake.Events;

namespace SpecCake.Delivery;

/// <summary>
/// One notification integration (Slack, PagerDuty, a set of webhooks, ...): decides whether it
/// wants an event and turns the event into deliveries. It never sends anything itself; the
/// engine (<see cref="SpecEventNotifier"/>) rate-limits, sends in parallel, retries, prints
/// dry-runs and reports. Register an implementation with one line in <see cref="NotifierCatalog"/>.
/// </summary>
/// <remarks>
/// An HTTP service returns <see cref="HttpDelivery"/>s; anything else (SMTP, an SDK) derives from
/// <see cref="PlannedDelivery"/>, describes itself for dry-run and retries through <see cref="OperationResilience"/>.
/// </remarks>
/// <example><code>
/// internal sealed class PagerDutyNotifier : INotifier
/// {
///     public string Name => "pagerduty";
///
///     public bool IsEnabled(SpecCakeConfig config) => config.Integrations.PagerDuty is { Enabled: true };
///
///     public IReadOnlyList&lt;PlannedDelivery&gt; Plan(SpecEvent specEvent, NotifierContext context)
///     {
///         var options = context.Config.Integrations.PagerDuty!;
///         if (!Subscriptions.Includes(options.AlertOn, specEvent))
///         {
///             return [];
///         }
///
///         var key = context.RequireSecret(SecretNames.PagerDutyRoutingKey, Name);
///         var url = ServiceUrl.Parse((options.ApiUrl ?? "https://events.pagerduty.com") + "/v2/enqueue", "pagerduty api_url");
///         var body = PagerDutyEvent.Render(specEvent, options, key);
///         return [new HttpDelivery(Name, HttpRequestDescription.PostJson(url, body), context.RetryPolicy)];
///     }
/// }
/// </code></example>
public interface INotifier
{
    /// <summary>The integration's key in <c>specs.config.yaml</c>, e.g. <c>slack</c>; the summary shows it.</summary>
    string Name { get; }

    /// <summary>Whether the integration's block is present with <c>enabled: true</c>.</summary>
    /// <param name="config">The configuration.</param>
    bool IsEnabled(SpecCakeConfig config);

    /// <summary>
    /// The deliveries for <paramref name="specEvent"/>: none when the integration is not subscribed
    /// to it (use <see cref="Subscriptions.Includes"/>, which lets test messages through), one per
    /// destination otherwise. Pure: builds every request but sends nothing. Register every
    /// credential used (URLs, keys, header values) with <see cref="NotifierContext.AddSecret"/>.
    /// </summary>
    /// <param name="specEvent">The event.</param>
    /// <param name="context">Configuration, secrets and the retry policy.</param>
    /// <exception cref="DeliveryConfigurationException">A required secret or setting is missing; reported as this integration's failure.</exception>
    IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context);
}
