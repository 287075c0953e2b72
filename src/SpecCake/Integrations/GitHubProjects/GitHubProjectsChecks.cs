using System.Text.Json.Nodes;
using SpecCake.Checks;
using SpecCake.Trackers;

namespace SpecCake.Integrations.GitHubProjects;

/// <summary>
/// CheckIntegrations' GitHub Projects checks, one GraphQL query (the tracker's own): the token can read
/// the project, its status field is a single-select field, and every mapped option exists.
/// </summary>
internal static class GitHubProjectsChecks
{
    public static IReadOnlyList<IIntegrationCheck> For(GitHubProjectsOptions options)
    {
        var session = new Session(options);
        var checks = new List<IIntegrationCheck> { new ProjectCheck(session), new StatusFieldCheck(session) };
        if (options.StatusMappings.Count > 0)
        {
            checks.Add(new OptionsCheck(session));
        }

        return checks;
    }

    private sealed class Session(GitHubProjectsOptions options) : IDisposable
    {
        private TrackerHttp? _http;
        private Task<TrackerAnswer>? _project;

        public GitHubProjectsOptions Options => options;

        public string Owner(CheckContext context) => options.Owner ?? context.Variable("GITHUB_REPOSITORY")?.Split('/')[0] ?? string.Empty;

        /// <summary>The project (null when GitHub knows none the token can see) with its status field.</summary>
        public Task<TrackerAnswer> ProjectAsync(CheckContext context, CancellationToken cancellationToken)
        {
            if (_project is not null)
            {
                return _project;
            }

            var url = GitHubProjectsTracker.GraphQLUrl(GitHubProjectsTracker.ApiUrl(options, context.Environment));
            _http = context.ReadOnlyHttp(GitHubProjectsIntegration.ConfigKey, new Dictionary<string, string>
            {
                ["Authorization"] = "Bearer " + context.Variable(GitHubProjectsIntegration.Token.Name),
                ["User-Agent"] = "SpecCake",
            });
            var variables = new JsonObject { ["owner"] = Owner(context), ["number"] = options.ProjectNumber, ["field"] = options.StatusField };
            return _project = TrackerAnswer.GraphQLAsync(
                _http, TrackerRequest.GraphQL(GitHubProjectsIntegration.ConfigKey, url, GitHubProjectsTracker.ProjectQuery, context.Masker), GitHubProjectsTracker.ProjectQuery, variables, cancellationToken);
        }

        public void Dispose() => _http?.Dispose();
    }

    /// <summary>The token can read the project. Owns the session.</summary>
    private sealed class ProjectCheck(Session session) : IntegrationCheck, IDisposable
    {
        public override string Name => $"project {session.Options.ProjectNumber}";

        public override bool IsPrerequisite => true;

        public void Dispose() => session.Dispose();

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            if (session.Owner(context).Length == 0)
            {
                return CheckOutcome.Fail("no owner: neither integrations.github_projects.owner nor GITHUB_REPOSITORY is set", "set owner to the organization or user the project belongs to");
            }

            var data = await session.ProjectAsync(context, cancellationToken).ConfigureAwait(false);
            return data.OptionalObject("repositoryOwner")?.OptionalObject("projectV2") is { } project
                ? CheckOutcome.Pass($"project {session.Options.ProjectNumber} of {session.Owner(context)} is readable ({project.String("id")})")
                : CheckOutcome.Fail($"project {session.Options.ProjectNumber} of \"{session.Owner(context)}\" does not exist or the token cannot see it", NotFound);
        }

        // GitHub answers an unknown owner or project with GraphQL errors (and HTTP 200).
        protected override string Fix(TrackerException error, CheckContext context) => error.StatusCode switch
        {
            401 => $"GitHub refused {GitHubProjectsIntegration.Token.Name}: pass a token with the project scope",
            null => NotFound,
            _ => base.Fix(error, context),
        };

        private const string NotFound =
            "check project_number (github.com/orgs/ORG/projects/NUMBER) and owner; the token needs the project scope (a workflow's own GITHUB_TOKEN cannot read an organization's projects: pass a token that can)";
    }

    /// <summary>The status field is a single-select field of the project.</summary>
    private sealed class StatusFieldCheck(Session session) : IntegrationCheck
    {
        public override string Name => $"status_field {session.Options.StatusField}";

        public override bool IsPrerequisite => true;

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var project = (await session.ProjectAsync(context, cancellationToken).ConfigureAwait(false)).Object("repositoryOwner").Object("projectV2");
            // A field of another type matches no fragment and reads as an empty object.
            return project.OptionalObject("field") is { } field && field.OptionalValue("options") is not null
                ? CheckOutcome.Pass($"\"{session.Options.StatusField}\" has the options {string.Join(", ", field.Array("options").Select(option => option.String("name")))}")
                : CheckOutcome.Fail(
                    $"project {session.Options.ProjectNumber} has no single-select field \"{session.Options.StatusField}\" (status_field)",
                    "set status_field to the project's single-select status field (Status by default)");
        }
    }

    /// <summary>Every <c>status_mappings</c> option exists in the status field.</summary>
    private sealed class OptionsCheck(Session session) : IntegrationCheck
    {
        public override string Name => "status_mappings";

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var field = (await session.ProjectAsync(context, cancellationToken).ConfigureAwait(false)).Object("repositoryOwner").Object("projectV2").Object("field");
            var options = field.Array("options").Select(option => option.String("name")).ToList();
            var unknown = session.Options.StatusMappings
                .Where(pair => !options.Contains(pair.Value.Trim(), StringComparer.OrdinalIgnoreCase))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => $"\"{pair.Value}\" (status_mappings.{pair.Key})")
                .ToList();
            return unknown.Count == 0
                ? CheckOutcome.Pass(string.Join(", ", session.Options.StatusMappings.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} → {pair.Value}")))
                : CheckOutcome.Fail(
                    $"\"{session.Options.StatusField}\" has no option {string.Join(", ", unknown)}; its options: {string.Join(", ", options)}",
                    "set each mapping to one of the field's options, or add the option to the project");
        }
    }
}
