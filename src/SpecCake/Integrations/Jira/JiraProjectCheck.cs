using SpecCake.Checks;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>The project exists and the account can see it: <c>GET /project/{key}</c>.</summary>
internal sealed class JiraProjectCheck(JiraCheckSession session) : IntegrationCheck
{
    public override string Name => $"project {session.ProjectKey}";

    public override bool IsPrerequisite => true;

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var project = await session.ProjectAsync(context, cancellationToken).ConfigureAwait(false);
        return CheckOutcome.Pass($"{project.OptionalString("key") ?? session.ProjectKey} ({project.OptionalString("name") ?? "no name"}) exists");
    }

    protected override string Fix(TrackerException error, CheckContext context) => error.StatusCode == 404
        ? $"Jira has no project {session.ProjectKey} the account can browse: set project_key to the key its issues start with (PROJ in PROJ-1), and give the account the Browse projects permission there"
        : base.Fix(error, context);
}
