using SpecCake.Checks;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Signing in: <c>GET /myself</c> answers who the credentials belong to. The first of the Jira checks,
/// it owns their shared session: the runner disposes it when the integration's checks are done.
/// </summary>
internal sealed class JiraSignInCheck(JiraCheckSession session) : IntegrationCheck, IDisposable
{
    public override string Name => "sign-in";

    public override bool IsPrerequisite => true;

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var jira = session.Connection(context);
        var myself = await jira.GetAsync("/myself", cancellationToken).ConfigureAwait(false);
        return CheckOutcome.Pass($"signed in to {jira.Dialect.Name} at {jira.Site} as {jira.Dialect.Identity(myself)}");
    }

    public void Dispose() => session.Dispose();

    protected override string Fix(TrackerException error, CheckContext context) => error.StatusCode switch
    {
        401 => $"Jira refused the credentials: Jira Cloud signs in with {JiraIntegration.Email.Name} (the account's email) and {JiraIntegration.ApiToken.Name} (an API token from id.atlassian.com/manage/api-tokens); "
            + $"Server/Data Center with {JiraIntegration.ApiToken.Name} alone (a personal access token). Set it again: gh secret set {JiraIntegration.ApiToken.Name}",
        _ => base.Fix(error, context) + " (base_url is the site, e.g. https://your-domain.atlassian.net)",
    };
}
