using System.Text.Json.Nodes;
using SpecCake.Checks;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Linear;

/// <summary>
/// CheckIntegrations' Linear checks, GraphQL queries only (the client refuses mutations): the key
/// works (<c>viewer</c>), the team exists, and the mapped workflow states and labels are the team's.
/// </summary>
internal static class LinearChecks
{
    public static IReadOnlyList<IIntegrationCheck> For(LinearOptions options)
    {
        var session = new Session(options);
        var checks = new List<IIntegrationCheck> { new KeyCheck(session), new TeamCheck(session) };
        if (options.StateMappings.Count > 0)
        {
            checks.Add(new StatesCheck(session));
        }

        if (options.Labels.Count > 0)
        {
            checks.Add(new LabelsCheck(session));
        }

        return checks;
    }

    /// <summary>One read-only client and the team's answer, read once.</summary>
    private sealed class Session(LinearOptions options) : IDisposable
    {
        private TrackerHttp? _http;
        private Task<TrackerAnswer>? _team;

        public LinearOptions Options => options;

        public string TeamId => options.TeamId?.Trim() ?? string.Empty;

        public Task<TrackerAnswer> QueryAsync(CheckContext context, string query, JsonObject variables, CancellationToken cancellationToken)
        {
            var url = options.ApiUrl ?? LinearTracker.DefaultApiUrl;
            _http ??= context.ReadOnlyHttp(LinearIntegration.ConfigKey, new Dictionary<string, string> { ["Authorization"] = context.Variable(LinearIntegration.ApiKey.Name)! });
            return TrackerAnswer.GraphQLAsync(_http, TrackerRequest.GraphQL(LinearIntegration.ConfigKey, url, query, context.Masker), query, variables, cancellationToken);
        }

        /// <summary>The team (null when Linear knows none by that ID or key), its states and labels, the workspace's labels and the teams the key sees.</summary>
        public Task<TrackerAnswer> TeamAsync(CheckContext context, CancellationToken cancellationToken) =>
            _team ??= QueryAsync(context, """
                query SpecCakeCheckTeam($teamId: String!) {
                  team(id: $teamId) {
                    id key name
                    labels(first: 250) { nodes { id name } }
                    states(first: 250) { nodes { id name } }
                  }
                  issueLabels(first: 250, filter: { team: { null: true } }) { nodes { id name } }
                  visible: teams(first: 100) { nodes { id key name } }
                }
                """, new JsonObject { ["teamId"] = TeamId }, cancellationToken);

        public void Dispose() => _http?.Dispose();
    }

    /// <summary>The key works: <c>viewer</c> answers whose it is. Owns the session (the runner disposes it).</summary>
    private sealed class KeyCheck(Session session) : IntegrationCheck, IDisposable
    {
        public override string Name => "API key";

        public override bool IsPrerequisite => true;

        public void Dispose() => session.Dispose();

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var data = await session.QueryAsync(context, "query SpecCakeViewer { viewer { id name address: email } }", [], cancellationToken).ConfigureAwait(false);
            var viewer = data.Object("viewer");
            var email = viewer.OptionalString("address");
            return CheckOutcome.Pass($"the key is {viewer.OptionalString("name") ?? viewer.String("id")}'s{(email is { Length: > 0 } ? $" ({email})" : string.Empty)}");
        }

        protected override string Fix(TrackerException error, CheckContext context) =>
            $"Linear refused the key: create a personal API key (Linear Settings → Security & access → Personal API keys) and set it again: gh secret set {LinearIntegration.ApiKey.Name}";
    }

    /// <summary>The team exists and the key can see it.</summary>
    private sealed class TeamCheck(Session session) : IntegrationCheck
    {
        public override string Name => $"team {session.TeamId}";

        public override bool IsPrerequisite => true;

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var data = await session.TeamAsync(context, cancellationToken).ConfigureAwait(false);
            if (data.OptionalObject("team") is { } team)
            {
                return CheckOutcome.Pass($"{team.OptionalString("name") ?? team.String("id")} ({team.OptionalString("key")}, {team.String("id")})");
            }

            var teams = data.OptionalObject("visible")?.Array("nodes").Select(node => $"{node.OptionalString("key")} {node.OptionalString("name")} ({node.String("id")})").ToList() ?? [];
            return CheckOutcome.Fail(
                $"Linear has no team \"{session.TeamId}\" the key can see; its teams: {(teams.Count == 0 ? "none" : string.Join(", ", teams))}",
                "set team_id to one of those IDs (or keys)");
        }
    }

    /// <summary>Each <c>state_mappings</c> name is one of the team's workflow states.</summary>
    private sealed class StatesCheck(Session session) : IntegrationCheck
    {
        public override string Name => "state_mappings";

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var team = (await session.TeamAsync(context, cancellationToken).ConfigureAwait(false)).Object("team");
            var states = team.Object("states").Array("nodes").Select(node => node.String("name")).ToList();
            var unknown = session.Options.StateMappings
                .Where(pair => !states.Contains(pair.Value.Trim(), StringComparer.OrdinalIgnoreCase))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => $"\"{pair.Value}\" (state_mappings.{pair.Key})")
                .ToList();
            return unknown.Count == 0
                ? CheckOutcome.Pass(string.Join(", ", session.Options.StateMappings.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} → {pair.Value}")))
                : CheckOutcome.Fail(
                    $"team {session.TeamId} has no workflow state {string.Join(", ", unknown)}; its states: {string.Join(", ", states)}",
                    "set each mapping to one of the team's states (Linear Settings → Teams → the team → Workflow)");
        }
    }

    /// <summary>Each of <c>labels</c> exists in the team or the workspace.</summary>
    private sealed class LabelsCheck(Session session) : IntegrationCheck
    {
        public override string Name => "labels";

        protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var data = await session.TeamAsync(context, cancellationToken).ConfigureAwait(false);
            var labels = data.Object("team").Object("labels").Array("nodes").Concat(data.Object("issueLabels").Array("nodes")).Select(node => node.String("name")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var unknown = session.Options.Labels.Where(label => !labels.Contains(label, StringComparer.OrdinalIgnoreCase)).ToList();
            return unknown.Count == 0
                ? CheckOutcome.Pass(string.Join(", ", session.Options.Labels))
                : CheckOutcome.Fail(
                    $"no label {string.Join(", ", unknown.Select(label => $"\"{label}\""))} in team {session.TeamId} or the workspace; labels: {string.Join(", ", labels)}",
                    "create the labels in Linear, or change labels to existing ones");
        }
    }
}
