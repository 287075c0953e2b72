using SpecCake.Events;

namespace SpecCake.Implementation;

/// <summary>
/// Where ImplementSpec's events go: the delivery engine, as NotifySpecEvent sends them (every
/// subscribed integration, then the trackers the event drives). A failed delivery is reported,
/// never thrown, so the run goes on and the next event still goes out.
/// </summary>
internal interface IImplementationEvents
{
    /// <summary>Sends one event.</summary>
    /// <param name="arguments">The event, as NotifySpecEvent's arguments (spec, branch, PR, error, duration).</param>
    SentEvent Send(SpecEventArguments arguments);
}
