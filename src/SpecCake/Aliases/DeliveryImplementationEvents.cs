using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Implementation;
using SpecCake.Specs;

namespace SpecCake.Aliases;

/// <summary>ImplementSpec's events through the same path as NotifySpecEvent: integrations, then trackers.</summary>
internal sealed class DeliveryImplementationEvents(
    NotificationTaskRunner notifications, SpecCakeConfig config, IReadOnlyCollection<string> secrets, IReadOnlyList<Spec> specs) : IImplementationEvents
{
    public SentEvent Send(SpecEventArguments arguments)
    {
        var (report, trackers) = notifications.Send(config, secrets, specs, arguments, dryRun: false);
        var failures = report.Failures.Select(failure => $"{failure.Target}: {failure.Reason}").ToList();
        foreach (var tracker in trackers?.Trackers ?? [])
        {
            failures.AddRange(tracker.Outcomes.Where(outcome => outcome.Error is not null).Select(outcome => $"{tracker.Tracker}: {outcome.Error}"));
        }

        var sent = report.Results.Count(result => result.Status == DeliveryStatus.Sent);
        return new SentEvent(report.Event.Name, sent, failures.Count, failures);
    }
}
