using SpecCake.Checks;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// What the account may do in the project: <c>GET /mypermissions?projectKey=&amp;permissions=</c>. Browsing,
/// creating and editing issues are needed; transitioning when a status is configured; deleting only to
/// retire duplicates (without it they are relabelled), so its absence is a warning.
/// </summary>
internal sealed class JiraPermissionsCheck(JiraCheckSession session) : IntegrationCheck
{
    private const string Delete = "DELETE_ISSUES";

    public override string Name => "permissions";

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var needed = new List<string> { "BROWSE_PROJECTS", "CREATE_ISSUES", "EDIT_ISSUES" };
        var workflow = new JiraWorkflow(session.Options);
        if (Enum.GetValues<Specs.SpecStatus>().Any(status => workflow.Goal(status) is not null))
        {
            needed.Add("TRANSITION_ISSUES");
        }

        var jira = session.Connection(context);
        var answer = await jira.GetAsync(
            $"/mypermissions?projectKey={Uri.EscapeDataString(session.ProjectKey)}&permissions={string.Join(",", needed.Append(Delete))}", cancellationToken).ConfigureAwait(false);
        var permissions = answer.Object("permissions");
        bool Has(string key) => permissions.OptionalObject(key)?.OptionalBoolean("havePermission") == true;
        string Named(string key) => permissions.OptionalObject(key)?.OptionalString("name") is { Length: > 0 } name ? $"{name} ({key})" : key;

        var missing = needed.Where(key => !Has(key)).ToList();
        if (missing.Count > 0)
        {
            return CheckOutcome.Fail(
                $"the account may not: {string.Join(", ", missing.Select(Named))} in {session.ProjectKey}",
                $"give the account {string.Join(", ", missing.Select(Named))} in the permission scheme of {session.ProjectKey} (Project settings → Permissions)");
        }

        return Has(Delete)
            ? CheckOutcome.Pass($"may {string.Join(", ", needed.Append(Delete).Select(Named))}")
            : CheckOutcome.Warn(
                $"may {string.Join(", ", needed.Select(Named))}, but not {Named(Delete)}: duplicates from two runs at once are relabelled speccake-duplicate instead of deleted",
                $"to have duplicates deleted, give the account {Named(Delete)} in {session.ProjectKey}");
    }
}
