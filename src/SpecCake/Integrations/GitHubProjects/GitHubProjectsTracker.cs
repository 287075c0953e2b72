using System.Text.Json;
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
/// </summary>
internal sealed partial class GitHubProjectsTracker(GitHubProjectsOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask)
    : ITracker
{
    public const string TrackerName = "github_projects";
    private const string DefaultApiUrl = "https://api.github.com";

    private TrackerHttp? http;
    private GitHubPullRequestLookup? pullRequests;
    private string graphQLUrl = string.Empty;
    private string projectId = string.Empty;
    private string fieldId = string.Empty;
    private Dictionary<string, string> optionIds = new(StringComparer.OrdinalIgnoreCase);

    public string Name => TrackerName;

    private TrackerHttp Http => http ?? throw new InvalidOperationException("PrepareAsync first.");

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var token = TrackerEnvironment.Get(environment, SecretNames.GitHubToken)
            ?? throw new TrackerException("github_projects: GITHUB_TOKEN is not set");
        var owner = options.Owner ?? TrackerEnvironment.Get(environment, "GITHUB_REPOSITORY")?.Split('/')[0]
            ?? throw new TrackerException("github_projects: no owner: set integrations.github_projects.owner or GITHUB_REPOSITORY");
        if (options.ProjectNumber <= 0)
        {
            throw new TrackerException("github_projects: integrations.github_projects.project_number is not set");
        }

        var apiUrl = (options.ApiUrl ?? TrackerEnvironment.Get(environment, "GITHUB_API_URL") ?? DefaultApiUrl).TrimEnd('/');
        // GitHub Enterprise serves REST at /api/v3 and GraphQL at /api/graphql.
        graphQLUrl = (apiUrl.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? apiUrl[..^3] : apiUrl) + "/graphql";
        mask.Add(token);
        http = new TrackerHttp("github_projects", new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer " + token,
            ["User-Agent"] = "SpecCake",
        }, mask, syncOptions);
        pullRequests = new GitHubPullRequestLookup(apiUrl, token, mask, syncOptions);

        var data = await Http.GraphQLAsync(graphQLUrl, """
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
            """, new JsonObject { ["owner"] = owner, ["number"] = options.ProjectNumber, ["field"] = options.StatusField }, cancellationToken)
            .ConfigureAwait(false);
        if (!data.TryGetProperty("repositoryOwner", out var ownerNode) || ownerNode.ValueKind != JsonValueKind.Object ||
            !ownerNode.TryGetProperty("projectV2", out var project) || project.ValueKind != JsonValueKind.Object)
        {
            throw new TrackerException($"github_projects: project {options.ProjectNumber} of \"{owner}\" does not exist or the token cannot see it");
        }

        projectId = project.GetProperty("id").GetString()!;
        if (!project.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("options", out var fieldOptions))
        {
            throw new TrackerException($"github_projects: project {options.ProjectNumber} has no single-select field \"{options.StatusField}\" (status_field)");
        }

        fieldId = field.GetProperty("id").GetString()!;
        optionIds = fieldOptions.EnumerateArray().ToDictionary(
            option => option.GetProperty("name").GetString()!, option => option.GetProperty("id").GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    public async Task<IReadOnlyDictionary<string, TrackerItem>> FindAsync(IReadOnlyList<TrackerTarget> targets, CancellationToken cancellationToken)
    {
        var wanted = targets.ToDictionary(target => target.SpecId, StringComparer.Ordinal);
        var drafts = new Dictionary<string, List<GitHubProjectItem>>(StringComparer.Ordinal);
        var pulls = new Dictionary<string, List<GitHubProjectItem>>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var data = await Http.GraphQLAsync(graphQLUrl, """
                query SpecCakeItems($project: ID!, $after: String, $field: String!) {
                  node(id: $project) {
                    ... on ProjectV2 {
                      items(first: 100, after: $after) {
                        pageInfo { hasNextPage endCursor }
                        nodes {
                          id
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
                """, new JsonObject { ["project"] = projectId, ["after"] = cursor, ["field"] = options.StatusField }, cancellationToken)
                .ConfigureAwait(false);
            var items = data.GetProperty("node").GetProperty("items");
            foreach (var node in items.GetProperty("nodes").EnumerateArray())
            {
                Classify(node, wanted, drafts, pulls);
            }

            var page = items.GetProperty("pageInfo");
            cursor = page.GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("endCursor").GetString() : null;
        }
        while (cursor is not null);

        var found = new Dictionary<string, TrackerItem>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var specDrafts = drafts.GetValueOrDefault(target.SpecId) ?? [];
            var specPulls = pulls.GetValueOrDefault(target.SpecId) ?? [];
            var pull = specPulls.FirstOrDefault(item => item.PullRequestUrl == target.PullRequest?.Url) ?? specPulls.FirstOrDefault();
            if (pull is not null)
            {
                // Once the PR is on the board, the spec's draft is a second item for the same spec.
                found[target.SpecId] = pull with { LeftoverDraftItemIds = [.. specDrafts.Select(draft => draft.Key)] };
            }
            else if (specDrafts.Count > 0)
            {
                found[target.SpecId] = specDrafts[0];
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
            if (optionId is not null) fields.Add(TrackerFields.Status);
            return Task.FromResult<IReadOnlyList<string>>(fields);
        }

        if (projectItem.DraftIssueId is not null)
        {
            if (projectItem.Title != SpecText.Title(spec)) fields.Add(TrackerFields.Title);
            if (!SpecText.SameText(projectItem.Body, SpecText.Markdown(spec))) fields.Add(TrackerFields.Description);
        }

        var replacesDraft = target.PullRequest is { } pr && projectItem.PullRequestUrl != pr.Url;
        if (optionId is not null && (optionId != projectItem.StatusOptionId || replacesDraft)) fields.Add(TrackerFields.Status);
        if (replacesDraft || projectItem.LeftoverDraftItemIds.Count > 0) fields.Add(TrackerFields.PullRequestLink);
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
            var data = await Http.GraphQLAsync(graphQLUrl, """
                mutation SpecCakeAddDraft($input: AddProjectV2DraftIssueInput!) {
                  addProjectV2DraftIssue(input: $input) { projectItem { id } }
                }
                """, new JsonObject
            {
                ["input"] = new JsonObject { ["projectId"] = projectId, ["title"] = SpecText.Title(spec), ["body"] = SpecText.Markdown(spec) },
            }, cancellationToken, creates: true).ConfigureAwait(false);
            itemId = data.GetProperty("addProjectV2DraftIssue").GetProperty("projectItem").GetProperty("id").GetString()!;
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
            await Http.GraphQLAsync(graphQLUrl, """
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
            await Http.GraphQLAsync(graphQLUrl, """
                mutation SpecCakeDeleteItem($input: DeleteProjectV2ItemInput!) {
                  deleteProjectV2Item(input: $input) { deletedItemId }
                }
                """, new JsonObject { ["input"] = new JsonObject { ["projectId"] = projectId, ["itemId"] = draftItemId } }, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public void Dispose() => http?.Dispose();

    private void Classify(
        JsonElement node,
        Dictionary<string, TrackerTarget> wanted,
        Dictionary<string, List<GitHubProjectItem>> drafts,
        Dictionary<string, List<GitHubProjectItem>> pulls)
    {
        if (!node.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var optionId = node.TryGetProperty("fieldValueByName", out var value) && value.ValueKind == JsonValueKind.Object &&
            value.TryGetProperty("optionId", out var option) ? option.GetString() : null;
        var title = JsonText.Of(content, "title") ?? string.Empty;
        var item = new GitHubProjectItem(node.GetProperty("id").GetString()!) { Title = title, StatusOptionId = optionId };
        switch (JsonText.Of(content, "__typename"))
        {
            case "DraftIssue":
                if (DraftMarker().Match(title) is { Success: true } match && wanted.ContainsKey(match.Groups[1].Value))
                {
                    Add(drafts, match.Groups[1].Value, item with { DraftIssueId = JsonText.Of(content, "id"), Body = JsonText.Of(content, "body") ?? string.Empty });
                }

                break;
            case "PullRequest":
                var url = JsonText.Of(content, "url");
                var branch = JsonText.Of(content, "headRefName") ?? string.Empty;
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

        return optionIds.TryGetValue(name, out var id)
            ? id
            : throw new TrackerException(
                $"github_projects: option \"{name}\" (status_mappings.{status}) does not exist in field \"{options.StatusField}\"; its options: {string.Join(", ", optionIds.Keys.Select(key => $"\"{key}\""))}");
    }

    private async Task<string> AddPullRequestAsync(PullRequestReference pr, CancellationToken cancellationToken)
    {
        var contentId = await pullRequests!.NodeIdAsync(TrackerEnvironment.Get(environment, "GITHUB_REPOSITORY") ?? string.Empty, pr).ConfigureAwait(false);
        // Adding content that is already on the board returns the existing item: safe to repeat.
        var data = await Http.GraphQLAsync(graphQLUrl, """
            mutation SpecCakeAddItem($input: AddProjectV2ItemByIdInput!) {
              addProjectV2ItemById(input: $input) { item { id } }
            }
            """, new JsonObject { ["input"] = new JsonObject { ["projectId"] = projectId, ["contentId"] = contentId } }, cancellationToken)
            .ConfigureAwait(false);
        return data.GetProperty("addProjectV2ItemById").GetProperty("item").GetProperty("id").GetString()!;
    }

    private Task SetStatusAsync(string itemId, string optionId, CancellationToken cancellationToken) =>
        Http.GraphQLAsync(graphQLUrl, """
            mutation SpecCakeSetStatus($input: UpdateProjectV2ItemFieldValueInput!) {
              updateProjectV2ItemFieldValue(input: $input) { projectV2Item { id } }
            }
            """, new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["projectId"] = projectId,
                ["itemId"] = itemId,
                ["fieldId"] = fieldId,
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
}
