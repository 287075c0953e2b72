using SpecCake.Events;

namespace SpecCake.Delivery;

/// <summary>The subscription rule every notifier shares.</summary>
public static class Subscriptions
{
    /// <summary>
    /// Whether a list such as <c>notify_on</c>, <c>alert_on</c>, <c>report_on</c> or an endpoint's
    /// <c>events</c> includes the event. A TestIntegrations message is always included: it exists
    /// to prove that the channel works.
    /// </summary>
    /// <param name="subscribed">The configured events.</param>
    /// <param name="specEvent">The event.</param>
    public static bool Includes(IEnumerable<SpecEventKind> subscribed, SpecEvent specEvent)
    {
        ArgumentNullException.ThrowIfNull(subscribed);
        ArgumentNullException.ThrowIfNull(specEvent);
        return specEvent.IsTest || subscribed.Contains(specEvent.Kind);
    }
}
