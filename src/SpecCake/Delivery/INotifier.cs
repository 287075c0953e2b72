using SpecCake.Configuration;
using SpecCake.Events;

namespace SpecCake.Delivery;

/// <summary>
/// One notification integration (Slack, PagerDuty, a set of webhooks, ...): decides whether it
/// wants an event and turns the event into deliveries. It never sends anything itself; the
/// engine (<see cref="SpecEventNotifier"/>) rate-limits, sends in parallel, retries, prints
/// dry-runs and reports. Register an implementation with one line in <see cref="NotifierCatalog"/>.
/// </summary>
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
