using System.Globalization;
using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Linear;

/// <summary>
/// Mirrors specs into Linear issues through its GraphQL API (key sent as-is, without "Bearer").
/// Marker: an attachment whose URL is the spec file's URL, found with <c>attachmentsForURL</c>;
/// <c>labels</c> and <c>state_mappings</c> are resolved by name to the team's IDs. A duplicate issue
/// is archived (<c>issueArchive</c>), which Linear users can undo.
/// </summary>
internal sealed class LinearTracker(LinearOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask)
    : ITracker
{
    public const string TrackerName = LinearIntegration.ConfigKey;
    internal const string DefaultApiUrl = "https://api.linear.app/graphql";
    // Linear caps a query's complexity (about 10,000 points; connections count per node requested):
    // 25 aliases of a few attachments, each with its issue's labels and attachments, stay well under it.
    private const int UrlsPerQuery = 25;
    // Issues per marker URL read at once: one, or a few duplicates from runs at once.
    private const int IssuesPerUrl = 10;

    private const string IssueFields = "id identifier number createdAt archivedAt title description team { id } state { id name } labels(first: 50) { nodes { id name } } attachments(first: 50) { nodes { url } }";

    private TrackerHttp? _http;
    private string _apiUrl = DefaultApiUrl;
    private string _teamId = string.Empty;
    private string _repositoryUrl = string.Empty;
    private Dictionary<string, string> _labelIds = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, string> _stateIds = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<string> _wantedLabelIds = [];

    public string Name => TrackerName;

    private TrackerHttp Http => _http ?? throw new InvalidOperationException("PrepareAsync first.");

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        LinearIntegration.Instance.RequireSecrets(options, environment);
        var key = TrackerEnvironment.Get(environment, LinearIntegration.ApiKey.Name)!;
        _teamId = string.IsNullOrWhiteSpace(options.TeamId)
            ? throw new TrackerException("linear: integrations.linear.team_id is not set")
            : options.TeamId.Trim();
        _repositoryUrl = GitHubActions.RepositoryUrl(environment)
            ?? throw new TrackerException("linear: the spec's file URL (the issue's marker) needs GITHUB_REPOSITORY (owner/name)");
        _apiUrl = options.ApiUrl ?? DefaultApiUrl;
        mask.Add(key);
        _http = new TrackerHttp("linear", new Dictionary<string, string> { ["Authorization"] = key }, mask, syncOptions);

        var data = await GraphQLAsync("""
            query SpecCakeTeam($teamId: String!) {
              team(id: $teamId) {
                id
                labels(first: 250) { nodes { id name } }
                states(first: 250) { nodes { id name } }
              }
              issueLabels(first: 250, filter: { team: { null: true } }) { nodes { id name } }
            }
            """, new JsonObject { ["teamId"] = _teamId }, cancellationToken).ConfigureAwait(false);
        // Linear answers a team it cannot find as null; a missing or malformed "team" is the reader's error.
        if (data.Value.TryGetProperty("team", out var found) && found.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            throw new TrackerException($"linear: team \"{_teamId}\" (team_id) does not exist or the key cannot see it");
        }

        var team = data.Object("team");
        // team_id may be the team's key; issues and filters need its ID.
        _teamId = team.String("id");

        // Team labels win over workspace labels of the same name.
        _labelIds = new(StringComparer.OrdinalIgnoreCase);
        foreach (var label in Nodes(data.Object("issueLabels")).Concat(Nodes(team.Object("labels"))))
        {
            _labelIds[label.String("name")] = label.String("id");
        }

        _stateIds = new(StringComparer.OrdinalIgnoreCase);
        foreach (var state in Nodes(team.Object("states")))
        {
            _stateIds[state.String("name")] = state.String("id");
        }

        var unknown = options.Labels.Where(label => !_labelIds.ContainsKey(label)).ToList();
        if (unknown.Count > 0)
        {
            throw new TrackerException(
                $"linear: label {string.Join(", ", unknown.Select(label => $"\"{label}\""))} does not exist in team {_teamId}; its labels: {List(_labelIds.Keys)}");
        }

        _wantedLabelIds = [.. options.Labels.Select(label => _labelIds[label]).Distinct()];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TrackerItem>>> FindAsync(IReadOnlyList<TrackerTarget> targets, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, IReadOnlyList<TrackerItem>>(StringComparer.Ordinal);
        foreach (var chunk in targets.Chunk(UrlsPerQuery))
        {
            // One request for many specs: one aliased attachmentsForURL per spec.
            var variables = new JsonObject();
            var selections = new List<string>();
            for (var index = 0; index < chunk.Length; index++)
            {
                variables[$"u{index}"] = MarkerUrl(chunk[index].Spec);
                selections.Add($"a{index}: attachmentsForURL(url: $u{index}, first: {IssuesPerUrl}) {{ nodes {{ url issue {{ {IssueFields} }} }} }}");
            }

            var declarations = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(index => $"$u{index}: String!"));
            var data = await GraphQLAsync($"query SpecCakeFindIssues({declarations}) {{ {string.Join(" ", selections)} }}", variables, cancellationToken)
                .ConfigureAwait(false);
            for (var index = 0; index < chunk.Length; index++)
            {
                // Archived issues (retired duplicates) keep their attachments: they are not the spec's.
                var issues = Nodes(data.Object($"a{index}"))
                    .Select(attachment => attachment.OptionalObject("issue"))
                    .OfType<TrackerAnswer>()
                    .Where(issue => TeamOf(issue) == _teamId)
                    .Select(ReadIssue)
                    .Where(issue => !issue.Archived)
                    .DistinctBy(issue => issue.Id)
                    .OrderBy(issue => issue.CreatedAt)
                    .ThenBy(issue => issue.Number)
                    .ToList();
                if (issues.Count > 0)
                {
                    found[chunk[index].SpecId] = issues;
                }
            }
        }

        await FindUnmarkedAsync(targets.Where(target => !found.ContainsKey(target.SpecId)).ToList(), found, cancellationToken).ConfigureAwait(false);
        return found;
    }

    public Task<IReadOnlyList<string>> PlanAsync(TrackerTarget target, TrackerItem? item, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var stateId = WantedStateId(spec);
        var fields = new List<string>();
        if (item is not LinearIssue issue)
        {
            fields.AddRange([TrackerFields.Title, TrackerFields.Description]);
            if (_wantedLabelIds.Count > 0)
            {
                fields.Add(TrackerFields.Labels);
            }

            if (stateId is not null)
            {
                fields.Add(TrackerFields.Status);
            }

            fields.Add(TrackerFields.Marker);
            if (target.PullRequest is not null)
            {
                fields.Add(TrackerFields.PullRequestLink);
            }

            return Task.FromResult<IReadOnlyList<string>>(fields);
        }

        if (issue.Title != SpecText.Title(spec))
        {
            fields.Add(TrackerFields.Title);
        }

        if (!SpecText.SameText(issue.Description, SpecText.Markdown(spec)))
        {
            fields.Add(TrackerFields.Description);
        }

        if (_wantedLabelIds.Except(issue.LabelIds).Any())
        {
            fields.Add(TrackerFields.Labels);
        }

        if (stateId is not null && stateId != issue.StateId)
        {
            fields.Add(TrackerFields.Status);
        }

        if (!issue.AttachmentUrls.Contains(MarkerUrl(spec)))
        {
            fields.Add(TrackerFields.Marker);
        }

        if (target.PullRequest is { Url: { } prUrl } && !issue.AttachmentUrls.Contains(prUrl))
        {
            fields.Add(TrackerFields.PullRequestLink);
        }

        return Task.FromResult<IReadOnlyList<string>>(fields);
    }

    public async Task<string> CreateAsync(TrackerTarget target, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var input = new JsonObject
        {
            ["teamId"] = _teamId,
            ["title"] = SpecText.Title(spec),
            ["description"] = SpecText.Markdown(spec),
        };
        if (_wantedLabelIds.Count > 0)
        {
            input["labelIds"] = Array(_wantedLabelIds);
        }

        if (WantedStateId(spec) is { } stateId)
        {
            input["stateId"] = stateId;
        }

        var data = await GraphQLAsync("""
            mutation SpecCakeIssueCreate($input: IssueCreateInput!) {
              issueCreate(input: $input) { success issue { id identifier } }
            }
            """, new JsonObject { ["input"] = input }, cancellationToken, creates: true).ConfigureAwait(false);
        var created = data.Object("issueCreate").Object("issue");
        var id = created.String("id");
        var identifier = created.String("identifier");
        await AttachAsync(id, MarkerUrl(spec), $"Spec {spec.Id}", cancellationToken).ConfigureAwait(false);
        if (target.PullRequest is { Url: { } prUrl } pr)
        {
            await AttachAsync(id, prUrl, pr.Title, cancellationToken).ConfigureAwait(false);
        }

        return identifier;
    }

    public async Task UpdateAsync(TrackerTarget target, TrackerItem item, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var issue = (LinearIssue)item;
        var input = new JsonObject();
        if (fields.Contains(TrackerFields.Title))
        {
            input["title"] = SpecText.Title(spec);
        }

        if (fields.Contains(TrackerFields.Description))
        {
            input["description"] = SpecText.Markdown(spec);
        }
        // Labels people added in Linear stay: only the configured ones are ensured.
        if (fields.Contains(TrackerFields.Labels))
        {
            input["labelIds"] = Array(issue.LabelIds.Union(_wantedLabelIds));
        }

        if (fields.Contains(TrackerFields.Status) && WantedStateId(spec) is { } stateId)
        {
            input["stateId"] = stateId;
        }

        if (input.Count > 0)
        {
            await GraphQLAsync("""
                mutation SpecCakeIssueUpdate($id: String!, $input: IssueUpdateInput!) {
                  issueUpdate(id: $id, input: $input) { success }
                }
                """, new JsonObject { ["id"] = issue.Id, ["input"] = input }, cancellationToken).ConfigureAwait(false);
        }

        if (fields.Contains(TrackerFields.Marker))
        {
            await AttachAsync(issue.Id, MarkerUrl(spec), $"Spec {spec.Id}", cancellationToken).ConfigureAwait(false);
        }

        if (fields.Contains(TrackerFields.PullRequestLink) && target.PullRequest is { Url: { } prUrl } pr)
        {
            await AttachAsync(issue.Id, prUrl, pr.Title, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RetireAsync(TrackerTarget target, TrackerItem duplicate, TrackerItem kept, CancellationToken cancellationToken)
    {
        var data = await GraphQLAsync("""
            mutation SpecCakeIssueArchive($id: String!) {
              issueArchive(id: $id) { success }
            }
            """, new JsonObject { ["id"] = ((LinearIssue)duplicate).Id }, cancellationToken).ConfigureAwait(false);
        if (!data.Object("issueArchive").Boolean("success"))
        {
            throw new TrackerException($"linear: archiving the duplicate {duplicate.Key} of {kept.Key} did not succeed");
        }
    }

    public void Dispose() => _http?.Dispose();

    /// <summary>
    /// An issue is created before its marker attachment; if the run stopped in between, the issue is
    /// found by its exact title instead (one query for all unmarked specs) and gets its marker.
    /// </summary>
    private async Task FindUnmarkedAsync(List<TrackerTarget> missing, Dictionary<string, IReadOnlyList<TrackerItem>> found, CancellationToken cancellationToken)
    {
        if (missing.Count == 0)
        {
            return;
        }

        var byTitle = missing.GroupBy(target => SpecText.Title(target.Spec)).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        var unmarked = new Dictionary<string, LinearIssue>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var variables = new JsonObject { ["teamId"] = _teamId, ["titles"] = Array(byTitle.Keys), ["after"] = cursor };
            var data = await GraphQLAsync($$"""
                query SpecCakeFindUnmarked($teamId: ID!, $titles: [String!]!, $after: String) {
                  issues(first: 100, after: $after, filter: { team: { id: { eq: $teamId } }, title: { in: $titles } }) {
                    pageInfo { hasNextPage endCursor }
                    nodes { {{IssueFields}} }
                  }
                }
                """, variables, cancellationToken).ConfigureAwait(false);
            var issues = data.Object("issues");
            foreach (var node in Nodes(issues))
            {
                var issue = ReadIssue(node);
                // The oldest issue of that title: the one the interrupted run created first.
                if (byTitle.TryGetValue(issue.Title, out var target) &&
                    (!unmarked.TryGetValue(target.SpecId, out var other) || (issue.CreatedAt, issue.Number).CompareTo((other.CreatedAt, other.Number)) < 0))
                {
                    unmarked[target.SpecId] = issue;
                }
            }

            var page = issues.Object("pageInfo");
            cursor = page.Boolean("hasNextPage") ? page.String("endCursor") : null;
        }
        while (cursor is not null);

        foreach (var (specId, issue) in unmarked)
        {
            found[specId] = [issue];
        }
    }

    private string? WantedStateId(Spec spec)
    {
        var status = spec.Status.ToString().ToLowerInvariant();
        if (!options.StateMappings.TryGetValue(status, out var stateName) || string.IsNullOrWhiteSpace(stateName))
        {
            return null;
        }

        return _stateIds.TryGetValue(stateName, out var id)
            ? id
            : throw new TrackerException(
                $"linear: state \"{stateName}\" (state_mappings.{status}) does not exist in team {_teamId}; its states: {List(_stateIds.Keys)}");
    }

    // Linear keeps one attachment per URL and issue: creating it again updates it.
    private Task<TrackerAnswer> AttachAsync(string issueId, string url, string title, CancellationToken cancellationToken) =>
        GraphQLAsync("""
            mutation SpecCakeAttachmentCreate($input: AttachmentCreateInput!) {
              attachmentCreate(input: $input) { success }
            }
            """, new JsonObject { ["input"] = new JsonObject { ["issueId"] = issueId, ["url"] = url, ["title"] = title } }, cancellationToken);

    private string MarkerUrl(Spec spec) => _repositoryUrl + "/blob/HEAD/" + spec.File.TrimStart('/');

    private Task<TrackerAnswer> GraphQLAsync(string query, JsonObject variables, CancellationToken cancellationToken, bool creates = false) =>
        TrackerAnswer.GraphQLAsync(Http, TrackerRequest.GraphQL(TrackerName, _apiUrl, query, mask, creates), query, variables, cancellationToken);

    private static LinearIssue ReadIssue(TrackerAnswer issue)
    {
        var id = issue.String("id");
        var created = issue.OptionalString("createdAt");
        return new LinearIssue(issue.String("identifier"), id)
        {
            Number = issue.OptionalValue("number") is null ? 0 : issue.Int32("number"),
            CreatedAt = DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MaxValue,
            Archived = issue.OptionalString("archivedAt") is not null,
            Title = issue.OptionalString("title") ?? string.Empty,
            Description = issue.OptionalString("description") ?? string.Empty,
            StateId = issue.OptionalObject("state")?.String("id"),
            LabelIds = issue.OptionalObject("labels") is { } labels ? [.. Nodes(labels).Select(label => label.String("id"))] : [],
            AttachmentUrls = issue.OptionalObject("attachments") is { } attachments ? [.. Nodes(attachments).Select(attachment => attachment.String("url"))] : [],
        };
    }

    private static string? TeamOf(TrackerAnswer issue) => issue.OptionalObject("team")?.String("id");

    private static IEnumerable<TrackerAnswer> Nodes(TrackerAnswer connection) => connection.Array("nodes");

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode)value)]);

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.OrdinalIgnoreCase).Select(name => $"\"{name}\""));
}
