using SpecCake.Checks;

namespace SpecCake.Integrations.Jira;

/// <summary>The issue type (and, with <c>create_subtasks</c>, the sub-task type) exists in the project, as <c>GET /project/{key}</c> lists them.</summary>
internal sealed class JiraIssueTypeCheck(JiraCheckSession session) : IntegrationCheck
{
    public override string Name => $"issue type {session.Options.IssueType}";

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var project = await session.ProjectAsync(context, cancellationToken).ConfigureAwait(false);
        var types = project.OptionalArray("issueTypes").Select(type => (Name: type.OptionalString("name") ?? string.Empty, Subtask: type.OptionalBoolean("subtask") == true)).ToList();
        var listed = string.Join(", ", types.Select(type => type.Name));
        if (!types.Any(type => !type.Subtask && string.Equals(type.Name, session.Options.IssueType, StringComparison.OrdinalIgnoreCase)))
        {
            return CheckOutcome.Fail(
                $"{session.ProjectKey} has no issue type \"{session.Options.IssueType}\" (issue_type); its issue types: {listed}",
                "set issue_type to one of them, or add the type to the project's issue type scheme");
        }

        if (session.Options.CreateSubtasks)
        {
            var subtask = session.Connection(context).Dialect.SubtaskTypeName;
            if (!types.Any(type => type.Subtask && string.Equals(type.Name, subtask, StringComparison.OrdinalIgnoreCase)))
            {
                return CheckOutcome.Fail(
                    $"create_subtasks is on, but {session.ProjectKey} has no sub-task type \"{subtask}\"; its issue types: {listed}",
                    $"add the \"{subtask}\" sub-task type to the project's issue type scheme, or set create_subtasks: false");
            }
        }

        return CheckOutcome.Pass($"{session.ProjectKey} has \"{session.Options.IssueType}\"" + (session.Options.CreateSubtasks ? $" and the sub-task type \"{session.Connection(context).Dialect.SubtaskTypeName}\"" : string.Empty));
    }
}
