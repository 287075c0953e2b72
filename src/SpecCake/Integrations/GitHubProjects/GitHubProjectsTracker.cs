using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.GitHubProjects;

/// <summary>
/// Mirrors specs into a GitHub Projects (v2) board through GraphQL: one item per spec, a draft issue
/// titled <c>[FEAT-0001] Title</c> until the spec's pull request is known, then the pull request itself
/// (looked up with Octokit). Marker: the <c>[ID]</c> title prefix of a draft, or for a pull request its
/// URL, a <c>spec/&lt;id&gt;</c> head branch or the ID in its title; found by paging the project's items.
/// A duplicate draft (two runs at once) is deleted from the project, which deletes the draft issue.
/// </summary>
internal sealed partial class GitHubProjectsTracker(GitHubProjectsOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask)
    : ITracker
{
    public const string TrackerName = GitHubProjectsIntegration.ConfigKey;
    private const string DefaultApiUrl = "https://api.github.com";

    /// <summary>The project and its status field's options (CheckIntegrations reads the same).</summary>
    internal const string ProjectQuery = """
        query SpecCakeProject($owner: String!, $number: Int!, $field: String!) {
          repositoryOwner(login: $owner) {
            ... on ProjectV2Owner {
              projectV2(number: $number) {
                id
                field(name: $field) { ... on ProjectV2SingleSelectField { id name options { id name } } }
              }
            }
          }
        }
        """;

    private TrackerHttp? _http;
    private GitHubPullRequestLookup? _pullRequests;
    private string _graphQLUrl = string.Empty;
    private string _projectId = string.Empty;
    private string _fieldId = string.Empty;
    private Dictionary<string, string> _optionIds = new(StringComparer.OrdinalIgnoreCase);

    public string Name => TrackerName;

    private TrackerHttp Http => _http ?? throw new InvalidOperationException("PrepareAsync first.");

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        GitHubProjectsIntegration.Instance.RequireSecrets(options, environment);
        var token = TrackerEnvironment.Get(environment, GitHubProjectsIntegration.Token.Name)!;
        var owner = options.Owner ?? TrackerEnvironment.Get(environment, "GITHUB_REPOSITORY")?.Split('/')[0]
            ?? throw new TrackerException("github_projects: no owner: set integrations.github_projects.owner or GITHUB_REPOSITORY");
        if (options.ProjectNumber <= 0)
        {
            throw new TrackerException("github_projects: integrations.github_projects.project_number is not set");
        }

        var apiUrl = ApiUrl(options, environment);
        _graphQLUrl = GraphQLUrl(apiUrl);
        mask.Add(token);
        _http = new TrackerHttp("github_projects", new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer " + token,
            ["User-Agent"] = "SpecCake",
        }, mask, syncOptions);
        _pullRequests = new GitHubPullRequestLookup(apiUrl, token, mask, syncOptions);

        var data = await GraphQLAsync(ProjectQuery, new JsonObject { ["owner"] = owner, ["number"] = options.ProjectNumber, ["field"] = options.StatusField }, cancellationToken)
            .ConfigureAwait(false);
        // GitHub answers an owner or a project it cannot find as null (with an error, when the owner is unknown).
        if (data.OptionalObject("repositoryOwner")?.OptionalObject("projectV2") is not { } project)
        {
            throw new TrackerException($"github_projects: project {options.ProjectNumber} of \"{owner}\" does not exist or the token cannot see it");
        }

        _projectId = project.String("id");
        // A field of another type matches no fragment and reads as an empty object.
        if (project.OptionalObject("field") is not { } field || field.OptionalValue("options") is null)
        {
            throw new TrackerException($"github_projects: project {options.ProjectNumber} has no single-select field \"{options.StatusField}\" (status_field)");
        }

        _fieldId = field.String("id");
        _optionIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in field.Array("options"))
        {
            _optionIds[option.String("name")] = option.String("id");
        }
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TrackerItem>>> FindAsync(IReadOnlyList<TrackerTarget> targets, CancellationToken cancellationToken)
    {
        var wanted = targets.ToDictionary(target => target.SpecId, StringComparer.Ordinal);
        var drafts = new Dictionary<string, List<GitHubProjectItem>>(StringComparer.Ordinal);
        var pulls = new Dictionary<string, List<GitHubProjectItem>>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var data = await GraphQLAsync("""
                query SpecCakeItems($project: ID!, $after: String, $field: String!) {
                  node(id: $project) {
                    ... on ProjectV2 {
                      items(first: 100, after: $after) {
                        pageInfo { hasNextPage endCursor }
                        nodes {
                          id
                          createdAt
                          fieldValueByName(name: $field) { ... on ProjectV2ItemFieldSingleSelectValue { optionId } }
                          content {
                            __typename
                            ... on DraftIssue { id title body }
                            ... on PullRequest { url title headRefName }
                          }
                        }
                      }
                    }
                  }
                }
                """, new JsonObject { ["project"] = _projectId, ["after"] = cursor, ["field"] = options.StatusField }, cancellationToken)
                .ConfigureAwait(false);
            var items = data.Object("node").Object("items");
            foreach (var node in items.Array("nodes"))
            {
                Classify(node, wanted, drafts, pulls);
            }

            var page = items.Object("pageInfo");
            cursor = page.Boolean("hasNextPage") ? page.String("endCursor") : null;
        }
        while (cursor is not null);

        var found = new Dictionary<string, IReadOnlyList<TrackerItem>>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            // Oldest first, by the time GitHub added each item to the project (then by ID, so every run agrees).
            var specDrafts = (drafts.GetValueOrDefault(target.SpecId) ?? []).OrderBy(item => item.CreatedAt).ThenBy(item => item.Key, StringComparer.Ordinal).ToList();
            var specPulls = pulls.GetValueOrDefault(target.SpecId) ?? [];
            var pull = specPulls.FirstOrDefault(item => item.PullRequestUrl == target.PullRequest?.Url) ?? specPulls.FirstOrDefault();
            if (pull is not null)
            {
                // Once the PR is on the board, the spec's drafts are left over: UpdateAsync removes them.
                found[target.SpecId] = [pull with { LeftoverDraftItemIds = [.. specDrafts.Select(draft => draft.Key)] }];
            }
            else if (specDrafts.Count > 0)
            {
                found[target.SpecId] = specDrafts;
            }
        }

        return found;
    }

    public Task<IReadOnlyList<string>> PlanAsync(TrackerTarget target, TrackerItem? item, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var optionId = WantedOptionId(spec);
        var fields = new List<string>();
        if (item is not GitHubProjectItem projectItem)
        {
            fields.AddRange(target.PullRequest is null ? [TrackerFields.Title, TrackerFields.Description] : [TrackerFields.PullRequestLink]);
            if (optionId is not null)
            {
                fields.Add(TrackerFields.Status);
            }

            return Task.FromResult<IReadOnlyList<string>>(fields);
        }

        if (projectItem.DraftIssueId is not null)
        {
            if (projectItem.Title != SpecText.Title(spec))
            {
                fields.Add(TrackerFields.Title);
            }

            if (!SpecText.SameText(projectItem.Body, SpecText.Markdown(spec)))
            {
                fields.Add(TrackerFields.Description);
            }
        }

        var replacesDraft = target.PullRequest is { } pr && projectItem.PullRequestUrl != pr.Url;
        if (optionId is not null && (optionId != projectItem.StatusOptionId || replacesDraft))
        {
            fields.Add(TrackerFields.Status);
        }

        if (replacesDraft || projectItem.LeftoverDraftItemIds.Count > 0)
        {
            fields.Add(TrackerFields.PullRequestLink);
        }

        return Task.FromResult<IReadOnlyList<string>>(fields);
    }

    public async Task<string> CreateAsync(TrackerTarget target, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        string itemId;
        if (target.PullRequest is { } pr)
        {
            itemId = await AddPullRequestAsync(pr, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var data = await GraphQLAsync("""
                mutation SpecCakeAddDraft($input: AddProjectV2DraftIssueInput!) {
                  addProjectV2DraftIssue(input: $input) { projectItem { id } }
                }
                """, new JsonObject
            {
                ["input"] = new JsonObject { ["projectId"] = _projectId, ["title"] = SpecText.Title(spec), ["body"] = SpecText.Markdown(spec) },
            }, cancellationToken, creates: true).ConfigureAwait(false);
            itemId = data.Object("addProjectV2DraftIssue").Object("projectItem").String("id");
        }

        if (WantedOptionId(spec) is { } optionId)
        {
            await SetStatusAsync(itemId, optionId, cancellationToken).ConfigureAwait(false);
        }

        return itemId;
    }

    public async Task UpdateAsync(TrackerTarget target, TrackerItem item, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var projectItem = (GitHubProjectItem)item;
        var itemId = projectItem.Key;
        var obsolete = new List<string>(projectItem.LeftoverDraftItemIds);
        if (fields.Contains(TrackerFields.PullRequestLink) && target.PullRequest is { } pr && projectItem.PullRequestUrl != pr.Url)
        {
            itemId = await AddPullRequestAsync(pr, cancellationToken).ConfigureAwait(false);
            if (projectItem.DraftIssueId is not null)
            {
                obsolete.Add(projectItem.Key);
            }
        }
        else if (projectItem.DraftIssueId is { } draftId && (fields.Contains(TrackerFields.Title) || fields.Contains(TrackerFields.Description)))
        {
            await GraphQLAsync("""
                mutation SpecCakeUpdateDraft($input: UpdateProjectV2DraftIssueInput!) {
                  updateProjectV2DraftIssue(input: $input) { draftIssue { id } }
                }
                """, new JsonObject
            {
                ["input"] = new JsonObject { ["draftIssueId"] = draftId, ["title"] = SpecText.Title(spec), ["body"] = SpecText.Markdown(spec) },
            }, cancellationToken).ConfigureAwait(false);
        }

        if (fields.Contains(TrackerFields.Status) && WantedOptionId(spec) is { } optionId)
        {
            await SetStatusAsync(itemId, optionId, cancellationToken).ConfigureAwait(false);
        }

        // Drafts go only after the PR item carries the status, so a failure in between never leaves the spec without an item.
        foreach (var draftItemId in obsolete.Where(id => id != itemId))
        {
            await DeleteItemAsync(draftItemId, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task RetireAsync(TrackerTarget target, TrackerItem duplicate, TrackerItem kept, CancellationToken cancellationToken) =>
        DeleteItemAsync(duplicate.Key, cancellationToken);

    public void Dispose() => _http?.Dispose();

    // Deleting a draft's item deletes the draft issue with it.
    private Task<TrackerAnswer> DeleteItemAsync(string itemId, CancellationToken cancellationToken) =>
        GraphQLAsync("""
            mutation SpecCakeDeleteItem($input: DeleteProjectV2ItemInput!) {
              deleteProjectV2Item(input: $input) { deletedItemId }
            }
            """, new JsonObject { ["input"] = new JsonObject { ["projectId"] = _projectId, ["itemId"] = itemId } }, cancellationToken);

    private Task<TrackerAnswer> GraphQLAsync(string query, JsonObject variables, CancellationToken cancellationToken, bool creates = false) =>
        TrackerAnswer.GraphQLAsync(Http, TrackerRequest.GraphQL(TrackerName, _graphQLUrl, query, mask, creates), query, variables, cancellationToken);

    private void Classify(
        TrackerAnswer node,
        Dictionary<string, TrackerTarget> wanted,
        Dictionary<string, List<GitHubProjectItem>> drafts,
        Dictionary<string, List<GitHubProjectItem>> pulls)
    {
        var id = node.String("id");
        // Content the token cannot see (a private repository's issue) reads as null.
        if (node.OptionalObject("content") is not { } content)
        {
            return;
        }

        var optionId = node.OptionalObject("fieldValueByName")?.OptionalString("optionId");
        var title = content.OptionalString("title") ?? string.Empty;
        var created = DateTimeOffset.TryParse(node.OptionalString("createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MaxValue;
        var item = new GitHubProjectItem(id) { Title = title, StatusOptionId = optionId, CreatedAt = created };
        switch (content.OptionalString("__typename"))
        {
            case "DraftIssue":
                if (DraftMarker().Match(title) is { Success: true } match && wanted.ContainsKey(match.Groups[1].Value))
                {
                    Add(drafts, match.Groups[1].Value, item with { DraftIssueId = content.String("id"), Body = content.OptionalString("body") ?? string.Empty });
                }

                break;
            case "PullRequest":
                var url = content.OptionalString("url");
                var branch = content.OptionalString("headRefName") ?? string.Empty;
                foreach (var (specId, target) in wanted)
                {
                    if ((url is not null && url == target.PullRequest?.Url) ||
                        string.Equals(branch, "spec/" + specId, StringComparison.OrdinalIgnoreCase) ||
                        Regex.IsMatch(title, $@"(?<![\w-]){Regex.Escape(specId)}(?![\w-])", RegexOptions.IgnoreCase))
                    {
                        Add(pulls, specId, item with { PullRequestUrl = url });
                    }
                }

                break;
        }
    }

    private string? WantedOptionId(Spec spec)
    {
        var status = spec.Status.ToString().ToLowerInvariant();
        if (!options.StatusMappings.TryGetValue(status, out var name) || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return _optionIds.TryGetValue(name, out var id)
            ? id
            : throw new TrackerException(
                $"github_projects: option \"{name}\" (status_mappings.{status}) does not exist in field \"{options.StatusField}\"; its options: {string.Join(", ", _optionIds.Keys.Select(key => $"\"{key}\""))}");
    }

    private async Task<string> AddPullRequestAsync(PullRequestReference pr, CancellationToken cancellationToken)
    {
        var contentId = await _pullRequests!.NodeIdAsync(TrackerEnvironment.Get(environment, "GITHUB_REPOSITORY") ?? string.Empty, pr).ConfigureAwait(false);
        // Adding content that is already on the board returns the existing item: safe to repeat.
        var data = await GraphQLAsync("""
            mutation SpecCakeAddItem($input: AddProjectV2ItemByIdInput!) {
              addProjectV2ItemById(input: $input) { item { id } }
            }
            """, new JsonObject { ["input"] = new JsonObject { ["projectId"] = _projectId, ["contentId"] = contentId } }, cancellationToken)
            .ConfigureAwait(false);
        return data.Object("addProjectV2ItemById").Object("item").String("id");
    }

    private Task<TrackerAnswer> SetStatusAsync(string itemId, string optionId, CancellationToken cancellationToken) =>
        GraphQLAsync("""
            mutation SpecCakeSetStatus($input: UpdateProjectV2ItemFieldValueInput!) {
              updateProjectV2ItemFieldValue(input: $input) { projectV2Item { id } }
            }
            """, new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["projectId"] = _projectId,
                ["itemId"] = itemId,
                ["fieldId"] = _fieldId,
                ["value"] = new JsonObject { ["singleSelectOptionId"] = optionId },
            },
        }, cancellationToken);

    private static void Add(Dictionary<string, List<GitHubProjectItem>> items, string specId, GitHubProjectItem item)
    {
        if (!items.TryGetValue(specId, out var list))
        {
            items[specId] = list = [];
        }

        list.Add(item);
    }

    [GeneratedRegex(@"^\[([A-Za-z][A-Za-z0-9]*-\d+)\]")]
    private static partial Regex DraftMarker();

    /// <summary>The REST API: <c>api_url</c>, else <c>GITHUB_API_URL</c>, else github.com's.</summary>
    internal static string ApiUrl(GitHubProjectsOptions options, IReadOnlyDictionary<string, string?> environment) =>
        (options.ApiUrl ?? TrackerEnvironment.Get(environment, "GITHUB_API_URL") ?? DefaultApiUrl).TrimEnd('/');

    // GitHub Enterprise serves REST at /api/v3 and GraphQL at /api/graphql.
    internal static string GraphQLUrl(string apiUrl) =>
        (apiUrl.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? apiUrl[..^3] : apiUrl) + "/graphql";
}
