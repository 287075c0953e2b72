using System.Text;
using SpecCake.Checks;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.AzureDevOps;

/// <summary>
/// CheckIntegrations' Azure DevOps checks, GETs of the REST API (7.1): the project exists and the
/// token can read it, the work item type exists, and every state a spec status maps to is valid for
/// that type.
/// </summary>
internal static class AzureDevOpsChecks
{
    public static IReadOnlyList<IIntegrationCheck> For(AzureDevOpsOptions options)
    {
        var session = new Session(options);
        return [new ProjectCheck(session), new WorkItemTypeCheck(session), new StatesCheck(session)];
    }

    /// <summary>One read-only client, the organization and project as the tracker resolves them.</summary>
    private sealed class Session(AzureDevOpsOptions options) : IDisposable
    {
        private TrackerHttp? _http;

        public AzureDevOpsOptions Options => options;

        public string Organization(CheckContext context) =>
            Blank(options.Organization) ?? context.Variable(AzureDevOpsIntegration.Organization.Name) ?? string.Empty;

        public string Project(CheckContext context) =>
            Blank(options.Project) ?? context.Variable(AzureDevOpsIntegration.Project.Name) ?? string.Empty;

        public Task<TrackerAnswer> GetAsync(CheckContext context, string path, CancellationToken cancellationToken)
        {
            if (_http is null)
            {
                var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + context.Variable(AzureDevOpsIntegration.Pat.Name)));
                context.Masker.Add(basic);
                _http = context.ReadOnlyHttp(AzureDevOpsIntegration.ConfigKey, new Dictionary<string, string> { ["Authorization"] = "Basic " + basic, ["Accept"] = "application/json" });
            }

            var url = $"{(options.ApiUrl ?? AzureDevOpsTracker.DefaultApiUrl).TrimEnd('/')}/{Uri.EscapeDataString(Organization(context))}{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}{AzureDevOpsTracker.ApiVersion}";
            return TrackerAnswer.SendAsync(_http, new TrackerRequest(AzureDevOpsIntegration.ConfigKey, HttpMethod.Get, url, context.Masker), null, cancellationToken);
        }

        public void Dispose() => _http?.Dispose();

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The project exists and the token can read it: <c>GET /{org}/_apis/projects/{project}</c>. Owns the session.</summary>
    private sealed class ProjectCheck(Session session) : IntegrationCheck, IDisposable
    {
        public override string Name => "project";

        public override bool IsPrerequisite => true;

        public void Dispose() => session.Dispose();

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var project = await session.GetAsync(context, $"/_apis/projects/{Uri.EscapeDataString(session.Project(context))}", cancellationToken).ConfigureAwait(false);
            return CheckOutcome.Pass($"{session.Organization(context)}/{project.OptionalString("name") ?? session.Project(context)} ({project.OptionalString("state") ?? "state unknown"})");
        }

        protected override string Fix(TrackerException error, CheckContext context) => error.StatusCode switch
        {
            401 or 203 => $"Azure DevOps refused the token: create a personal access token with Work Items (Read & write) and set it again: gh secret set {AzureDevOpsIntegration.Pat.Name}",
            404 => $"no project {session.Project(context)} in organization {session.Organization(context)} the token can see: check organization and project (the parts of dev.azure.com/<organization>/<project>)",
            _ => base.Fix(error, context),
        };
    }

    /// <summary>The work item type exists in the project: <c>GET /{org}/{project}/_apis/wit/workitemtypes</c>.</summary>
    private sealed class WorkItemTypeCheck(Session session) : IntegrationCheck
    {
        public override string Name => $"work item type {session.Options.WorkItemType}";

        public override bool IsPrerequisite => true;

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var types = (await session.GetAsync(context, $"/{Uri.EscapeDataString(session.Project(context))}/_apis/wit/workitemtypes", cancellationToken).ConfigureAwait(false))
                .Array("value").Select(type => type.String("name")).ToList();
            return types.Contains(session.Options.WorkItemType, StringComparer.OrdinalIgnoreCase)
                ? CheckOutcome.Pass($"{session.Project(context)} has \"{session.Options.WorkItemType}\"")
                : CheckOutcome.Fail(
                    $"{session.Project(context)} has no work item type \"{session.Options.WorkItemType}\" (work_item_type); its types: {string.Join(", ", types)}",
                    "set work_item_type to one of them (the Agile process has User Story, Scrum has Product Backlog Item, Basic has Issue)");
        }
    }

    /// <summary>Every state a spec status maps to (<c>state_mappings</c> over the defaults) is a state of the type.</summary>
    private sealed class StatesCheck(Session session) : IntegrationCheck
    {
        public override string Name => "state_mappings";

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var path = $"/{Uri.EscapeDataString(session.Project(context))}/_apis/wit/workitemtypes/{Uri.EscapeDataString(session.Options.WorkItemType)}/states";
            var states = (await session.GetAsync(context, path, cancellationToken).ConfigureAwait(false)).Array("value").Select(state => state.String("name")).ToList();
            var mapped = Enum.GetValues<SpecStatus>()
                .Select(status => (Status: AzureDevOpsStates.StatusName(status), State: AzureDevOpsStates.For(status, session.Options.StateMappings)))
                .Where(pair => pair.State is not null)
                .ToList();
            var unknown = mapped.Where(pair => !states.Contains(pair.State!, StringComparer.OrdinalIgnoreCase)).Select(pair => $"\"{pair.State}\" ({pair.Status})").ToList();
            return unknown.Count == 0
                ? CheckOutcome.Pass(string.Join(", ", mapped.Select(pair => $"{pair.Status} → {pair.State}")))
                : CheckOutcome.Fail(
                    $"\"{session.Options.WorkItemType}\" has no state {string.Join(", ", unknown)}; its states: {string.Join(", ", states)}",
                    "map each spec status to one of those states with state_mappings (the defaults are the Agile process's New, Active, Closed)");
        }
    }
}
