using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Delivery;

/// <summary>
/// One notification integration (Slack, PagerDuty, a set of webhooks, ...): decides whether it
/// wants an event and turns the event into deliveries. It never sends anything itself; the
/// engine (<see cref="SpecEventNotifier"/>) rate-limits, sends in parallel, retries, prints
/// dry-runs and reports. An integration's descriptor (<c>Integrations/&lt;Name&gt;/&lt;Name&gt;Integration.cs</c>)
/// returns its notifier; the descriptor is registered with one line in <c>IntegrationCatalog</c>.
/// </summary>
/// <remarks>
/// An HTTP service returns <see cref="HttpDelivery"/>s; anything else (SMTP, an SDK) derives from
/// <see cref="PlannedDelivery"/>, describes itself for dry-run and retries through <see cref="OperationResilience"/>.
/// </remarks>
/// <example><code>
/// internal sealed class SlackNotifier : INotifier
/// {
///     public string Name => SlackIntegration.ConfigKey;
///
///     public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Slack is { Enabled: true };
///
///     public IReadOnlyList&lt;PlannedDelivery&gt; Plan(SpecEvent specEvent, NotifierContext context)
///     {
///         var options = context.Config.Integrations.Slack!;
///         if (!Subscriptions.Includes(options.NotifyOn, specEvent))
///         {
///             return [];
///         }
///
///         // The variable is the descriptor's (Integrations/Slack/SlackIntegration.cs), which also
///         // checks it when the configuration is read; a dry run without it gets a placeholder.
///         var url = context.RequireWebhookUrl(SlackIntegration.WebhookUrl.Name, Name);
///         var body = SlackMessage.Render(specEvent, options);
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
