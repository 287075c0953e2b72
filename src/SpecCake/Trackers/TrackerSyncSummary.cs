using System.Globalization;
using System.Text;

namespace SpecCake.Trackers;

/// <summary>The result of a SyncTrackers run (or of an event applied to trackers): one entry per enabled tracker.</summary>
/// <param name="Trackers">The trackers, in config order.</param>
/// <param name="DryRun">Whether nothing was written (the outcomes are the plan).</param>
public sealed record TrackerSyncSummary(IReadOnlyList<TrackerResult> Trackers, bool DryRun)
{
    /// <summary>Whether any spec failed in any tracker.</summary>
    public bool HasFailures => Trackers.Any(tracker => tracker.Failed > 0);

    /// <summary>
    /// One line per spec (created or updated with its fields and the duplicates retired, failed with its error;
    /// in a dry run the whole plan, unchanged specs included, in "would" words), then one count line per tracker.
    /// </summary>
    public string Render()
    {
        var text = new StringBuilder();
        foreach (var tracker in Trackers)
        {
            // A real run lists only what changed or failed; a dry run is the full plan, unchanged specs included.
            foreach (var outcome in tracker.Outcomes.Where(outcome => DryRun || outcome.Action != SpecSyncAction.Unchanged || outcome.Retired.Count > 0))
            {
                text.Append(CultureInfo.InvariantCulture, $"{tracker.Tracker}: {outcome.SpecId} ");
                if (tracker.NotRead is { } why)
                {
                    text.Append(CultureInfo.InvariantCulture, $"would create, unless {tracker.Tracker} already has it (not read: {why})").AppendLine();
                    continue;
                }

                AppendAction(text, outcome);
                if (outcome.Retired.Count > 0)
                {
                    text.Append(DryRun ? "; would retire " : "; retired ")
                        .Append(outcome.Retired.Count == 1 ? "duplicate " : "duplicates ")
                        .AppendJoin(", ", outcome.Retired);
                }

                if (outcome.Error is not null)
                {
                    text.Append(": ").Append(outcome.Error);
                }

                text.AppendLine();
            }
        }

        foreach (var tracker in Trackers)
        {
            if (tracker.NotRead is { } why)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{tracker.Tracker}: not read ({why}): would create up to {tracker.Outcomes.Count}, or update those it has (dry run)");
                continue;
            }

            var retired = tracker.Retired switch
            {
                0 => string.Empty,
                1 => DryRun ? ", 1 duplicate to retire" : ", 1 duplicate retired",
                var count => string.Create(CultureInfo.InvariantCulture, $", {count} duplicates {(DryRun ? "to retire" : "retired")}"),
            };
            if (DryRun)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{tracker.Tracker}: would create {tracker.Created}, would update {tracker.Updated}, {tracker.Unchanged} unchanged, {tracker.Failed} failed{retired} (dry run)");
            }
            else
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{tracker.Tracker}: {tracker.Created} created, {tracker.Updated} updated, {tracker.Unchanged} unchanged, {tracker.Failed} failed{retired}");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// What was (or would be) done, e.g. <c>created (PROJ-1): title, description</c>; in a dry run moving an
    /// existing item is said as what it is, <c>would transition (PROJ-1) to approved</c>.
    /// </summary>
    private void AppendAction(StringBuilder text, SpecSyncOutcome outcome)
    {
        var fields = outcome.Fields;
        // Moving an existing item is a transition; a new item is simply created in its status.
        var transition = DryRun && outcome.TransitionTo is not null && outcome.Action == SpecSyncAction.Update;
        if (transition)
        {
            fields = [.. fields.Where(field => field != TrackerFields.Status)];
        }

        var verb = (outcome.Action, DryRun) switch
        {
            (SpecSyncAction.Create, true) => "would create",
            (SpecSyncAction.Create, false) => "created",
            (SpecSyncAction.Update, true) => fields.Count == 0 && transition ? "would transition" : "would update",
            (SpecSyncAction.Update, false) => "updated",
            (SpecSyncAction.Unchanged, _) => "unchanged",
            _ => "FAILED",
        };
        text.Append(verb);
        if (outcome.ItemKey is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({outcome.ItemKey})");
        }

        if (fields.Count > 0 && outcome.Action is SpecSyncAction.Create or SpecSyncAction.Update)
        {
            text.Append(": ").AppendJoin(", ", fields);
        }

        if (transition)
        {
            text.Append(fields.Count == 0 ? " to " : "; would transition it to ").Append(outcome.TransitionTo);
        }
    }
}
