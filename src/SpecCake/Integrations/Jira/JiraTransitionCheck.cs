using SpecCake.Checks;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// A configured transition ID (<c>transition_on_approve</c>, <c>transition_on_implement</c>) is one Jira
/// knows for the issue type: from its workflow where the account may read it (Jira Cloud, Administer
/// Jira), else from the transitions the project's issues of that type offer in their statuses.
/// </summary>
internal sealed class JiraTransitionCheck(JiraCheckSession session, string setting, string id) : IntegrationCheck
{
    public override string Name => $"{setting} {id}";

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var known = await session.TransitionsAsync(context, cancellationToken).ConfigureAwait(false);
        if (known.Transitions.FirstOrDefault(transition => transition.Id == id) is { } found)
        {
            return CheckOutcome.Pass($"{found.Id} {found.Name} (→ {found.ToStatusName}), one of the transitions {known.Source}");
        }

        if (!known.FromWorkflow && known.IssuesRead == 0)
        {
            return CheckOutcome.Warn(
                $"cannot tell: Jira lists transitions {known.Source}, and reading the workflow needs the Administer Jira permission",
                $"check it on an issue: GET /rest/api/3/issue/{session.ProjectKey}-1/transitions lists the IDs it offers; or run this again once {session.ProjectKey} has an issue");
        }

        return CheckOutcome.Fail(
            $"transition \"{id}\" ({setting}) is not one Jira knows; the transitions {known.Source}: {known.Listed}",
            $"set {setting} to the ID of the transition that should run (a number, e.g. \"21\"), or map the status by name with status_mappings");
    }
}
