using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Where a spec's Jira issue should be, and how to get it there from where it is. Jira lists only the
/// transitions out of an issue's current status, so an issue already moved no longer offers the transition
/// that moved it, and "already there" cannot be told from "impossible" by the transition alone. So SpecCake
/// records on the issue (the <c>speccake</c> entity property) the spec status it last applied and moves an
/// issue only when the spec's status has changed since; it knows the target status by name when
/// <c>status_mappings</c> gives it; and an issue that never had a status recorded (moved by an earlier
/// SpecCake or by a person) is taken as there when its status category is at or past the spec's stage.
/// </summary>
internal sealed class JiraWorkflow(JiraOptions options)
{
    /// <summary>The issue entity property holding <c>{"status": "&lt;spec status applied&gt;"}</c>.</summary>
    public const string PropertyKey = "speccake";

    /// <summary>What the spec's status asks of its issue, or null when nothing is configured for that status.</summary>
    public JiraStatusGoal? Goal(SpecStatus status)
    {
        var name = status.ToString().ToLowerInvariant();
        var transition = status switch
        {
            SpecStatus.Approved => Blank(options.TransitionOnApprove),
            SpecStatus.Implemented => Blank(options.TransitionOnImplement),
            _ => null,
        };
        var statusName = Blank(options.StatusMappings.GetValueOrDefault(name));
        return transition is null && statusName is null ? null : new JiraStatusGoal(status, transition, statusName);
    }

    /// <summary>
    /// The next step for <paramref name="issue"/>: stay (it is there, or past it), or take a transition Jira
    /// offers. An implemented spec whose issue has not been approved yet takes the approve step first.
    /// </summary>
    /// <param name="goal">Where the issue should be.</param>
    /// <param name="issue">The issue as just read: its status, category and offered transitions.</param>
    /// <param name="learned">Where transitions lead, as other issues offered them in this run.</param>
    /// <exception cref="TrackerException">Nothing Jira offers leads there, and the issue is not past it.</exception>
    public JiraMove Route(JiraStatusGoal goal, JiraIssue issue, IReadOnlyDictionary<string, JiraTransition> learned)
    {
        if (IsAt(goal, issue, learned))
        {
            return JiraMove.Stay;
        }

        if (Offered(goal, issue) is { } direct)
        {
            return new JiraMove(direct, Then: false);
        }

        if (goal.Status == SpecStatus.Implemented && Goal(SpecStatus.Approved) is { } approve &&
            !IsAt(approve, issue, learned) && Offered(approve, issue) is { } first)
        {
            return new JiraMove(first, Then: true);
        }

        if (IsPast(goal.Status, issue.StatusCategory))
        {
            return JiraMove.Stay;
        }

        var offered = issue.Transitions.Count == 0
            ? "none"
            : string.Join(", ", issue.Transitions.Select(transition => $"{transition.Id} ({transition.Name} → {transition.ToStatusName})"));
        throw new TrackerException(goal.StatusName is { } name
            ? $"jira: no transition to \"{name}\" ({goal.Setting}) is offered from status \"{issue.StatusName}\" of {issue.Key}; Jira offers: {offered}"
            : $"jira: transition \"{goal.TransitionId}\" ({goal.Setting}) is not offered from status \"{issue.StatusName}\" of {issue.Key}, " +
              $"and the issue is not past it; Jira offers: {offered}");
    }

    private static bool IsAt(JiraStatusGoal goal, JiraIssue issue, IReadOnlyDictionary<string, JiraTransition> learned)
    {
        if (goal.StatusName is { } name)
        {
            return string.Equals(issue.StatusName, name, StringComparison.OrdinalIgnoreCase);
        }

        var known = issue.Transitions.FirstOrDefault(transition => transition.Id == goal.TransitionId) ?? learned.GetValueOrDefault(goal.TransitionId!);
        return known is not null && known.ToStatusId.Length > 0 && known.ToStatusId == issue.StatusId;
    }

    // The mapped status wins over a configured transition that leads elsewhere.
    private static JiraTransition? Offered(JiraStatusGoal goal, JiraIssue issue) => goal.StatusName is { } name
        ? issue.Transitions.Where(transition => string.Equals(transition.ToStatusName, name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(transition => transition.Id == goal.TransitionId ? 0 : 1)
            .FirstOrDefault()
        : issue.Transitions.FirstOrDefault(transition => transition.Id == goal.TransitionId);

    // Jira's status categories: "new" (To Do), "indeterminate" (In Progress), "done".
    private static bool IsPast(SpecStatus status, string? category) => status switch
    {
        SpecStatus.Approved => category is "indeterminate" or "done",
        SpecStatus.Implemented => category is "done",
        _ => false,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What a spec status asks of its Jira issue: a transition to apply, a status to be in, or both.</summary>
/// <param name="Status">The spec status.</param>
/// <param name="TransitionId"><c>transition_on_approve</c> / <c>transition_on_implement</c>.</param>
/// <param name="StatusName"><c>status_mappings.&lt;status&gt;</c>.</param>
internal sealed record JiraStatusGoal(SpecStatus Status, string? TransitionId, string? StatusName)
{
    /// <summary>The spec status as recorded on the issue and written in config keys: <c>approved</c>.</summary>
    public string Name => Status.ToString().ToLowerInvariant();

    /// <summary>The setting that asked for it, for messages.</summary>
    public string Setting => StatusName is not null
        ? $"status_mappings.{Name}"
        : Status == SpecStatus.Approved ? "transition_on_approve" : "transition_on_implement";
}

/// <summary>One step towards a status: a transition to take (then look again when <paramref name="Then"/>), or none.</summary>
/// <param name="Transition">The transition to take; null to stay.</param>
/// <param name="Then">Whether the goal needs another step after this one.</param>
internal sealed record JiraMove(JiraTransition? Transition, bool Then)
{
    public static JiraMove Stay { get; } = new(null, false);
}
