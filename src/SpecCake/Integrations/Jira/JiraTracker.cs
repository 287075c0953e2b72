using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Mirrors specs into Jira issues. Marker: the <c>field_mappings.spec_id</c> custom field, or the
/// label <c>spec-&lt;ID&gt;</c> when no field is mapped. Cloud (<c>JIRA_EMAIL</c> set) uses REST v3, Basic
/// auth and Atlassian Document Format; Server/Data Center uses REST v2, a bearer personal access
/// token and wiki markup.
/// </summary>
internal sealed class JiraTracker(JiraOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask)
    : ITracker
{
    public const string TrackerName = "jira";
    private const int SpecsPerSearch = 100;
    private const int PageSize = 100;


    // What each transition leads to, learned from any issue: an issue already in the target status
    // usually does not offer the transition, so its absence alone cannot tell "done" from "impossible".
    private readonly ConcurrentDictionary<string, JiraTransition> transitionTargets = new(StringComparer.Ordinal);
    private TrackerHttp? http;
    private string baseUrl = string.Empty;
    private bool cloud;

    public string Name => TrackerName;

    private string Api => baseUrl + (cloud ? "/rest/api/3" : "/rest/api/2");

    private string? SpecField => options.FieldMappings.GetValueOrDefault("spec_id");

    private string? CriteriaField => options.FieldMappings.GetValueOrDefault("acceptance_criteria");

    private TrackerHttp Http => http ?? throw new InvalidOperationException("PrepareAsync first.");

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        var url = options.ApiUrl ?? options.BaseUrl ?? TrackerEnvironment.Get(environment, SecretNames.JiraBaseUrl)
            ?? throw new TrackerException("jira: no base URL: set integrations.jira.base_url or JIRA_BASE_URL");
        var token = TrackerEnvironment.Get(environment, SecretNames.JiraApiToken)
            ?? throw new TrackerException("jira: JIRA_API_TOKEN is not set");
        if (string.IsNullOrWhiteSpace(options.ProjectKey))
        {
            throw new TrackerException("jira: integrations.jira.project_key is not set");
        }

        baseUrl = url.TrimEnd('/');
        var email = TrackerEnvironment.Get(environment, SecretNames.JiraEmail);
        cloud = email is not null;
        string authorization;
        if (cloud)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(email + ":" + token));
            mask.Add(basic);
            authorization = "Basic " + basic;
        }
        else
        {
            authorization = "Bearer " + token;
        }

        mask.Add(token);
        http = new TrackerHttp("jira", new Dictionary<string, string>
        {
            ["Authorization"] = authorization,
            ["Accept"] = "application/json",
        }, mask, syncOptions);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyDictionary<string, TrackerItem>> FindAsync(IReadOnlyList<TrackerTarget> targets, CancellationToken cancellationToken)
    {
        var wanted = targets.Select(target => target.SpecId).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, TrackerItem>(StringComparer.Ordinal);
        foreach (var chunk in targets.Select(target => target.SpecId).Distinct().Chunk(SpecsPerSearch))
        {
            await foreach (var issue in SearchAsync(MarkerQuery(chunk), cancellationToken).ConfigureAwait(false))
            {
                var specId = SpecIdOf(issue, wanted);
                // Several issues with one marker can only come from outside SpecCake; the oldest one is the spec's.
                if (specId is not null && (!found.TryGetValue(specId, out var existing) || IssueNumber(issue.Key) < IssueNumber(existing.Key)))
                {
                    found[specId] = issue;
                }
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<string>> PlanAsync(TrackerTarget target, TrackerItem? item, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var fields = new List<string>();
        if (item is not JiraIssue issue)
        {
            fields.AddRange([TrackerFields.Title, TrackerFields.Description, TrackerFields.Labels]);
            if (SpecField is not null) fields.Add(TrackerFields.SpecId);
            if (CriteriaField is not null) fields.Add(TrackerFields.AcceptanceCriteria);
            if (WantedTransition(spec) is not null) fields.Add(TrackerFields.Status);
            if (options.CreateSubtasks && spec.AcceptanceCriteria.Count > 0) fields.Add(TrackerFields.Subtasks);
            if (target.PullRequest is not null) fields.Add(TrackerFields.PullRequestLink);
            return fields;
        }

        if (!string.Equals(issue.Summary, SpecText.Title(spec), StringComparison.Ordinal)) fields.Add(TrackerFields.Title);
        if (!SpecText.SameText(issue.DescriptionText, DesiredDescriptionText(spec))) fields.Add(TrackerFields.Description);
        if (DesiredLabels(spec).Except(issue.Labels, StringComparer.Ordinal).Any()) fields.Add(TrackerFields.Labels);
        if (CriteriaField is not null && !SpecText.SameText(issue.CriteriaFieldText, DesiredCriteriaText(spec))) fields.Add(TrackerFields.AcceptanceCriteria);
        if (await NeedsTransitionAsync(spec, issue, cancellationToken).ConfigureAwait(false)) fields.Add(TrackerFields.Status);
        if (options.CreateSubtasks && MissingOrStaleSubtasks(spec, issue).Any()) fields.Add(TrackerFields.Subtasks);
        if (target.PullRequest is { } pr && !await HasPullRequestLinkAsync(issue.Key, pr, cancellationToken).ConfigureAwait(false))
        {
            fields.Add(TrackerFields.PullRequestLink);
        }

        return fields;
    }

    public async Task<string> CreateAsync(TrackerTarget target, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var fields = new JsonObject
        {
            ["project"] = new JsonObject { ["key"] = options.ProjectKey },
            ["issuetype"] = new JsonObject { ["name"] = options.IssueType },
            ["summary"] = SpecText.Title(spec),
            ["description"] = DesiredDescription(spec),
            ["labels"] = new JsonArray([.. DesiredLabels(spec).Select(label => (JsonNode)label)]),
        };
        if (SpecField is { } specField) fields[specField] = spec.Id;
        if (CriteriaField is { } criteriaField) fields[criteriaField] = DesiredCriteria(spec);

        var created = await Http.SendAsync(HttpMethod.Post, Api + "/issue", new JsonObject { ["fields"] = fields }, cancellationToken, creates: true)
            .ConfigureAwait(false);
        var key = created?.GetProperty("key").GetString() ?? throw new TrackerException("jira: the created issue has no key");

        // A new issue is in its workflow's first status: apply the status transition now, the rest follows the same path as updates.
        if (WantedTransition(spec) is { } transition)
        {
            await TransitionAsync(key, transition, cancellationToken).ConfigureAwait(false);
        }

        if (options.CreateSubtasks)
        {
            await SyncSubtasksAsync(spec, new JiraIssue(key), cancellationToken).ConfigureAwait(false);
        }

        if (target.PullRequest is { } pr)
        {
            await LinkPullRequestAsync(key, pr, cancellationToken).ConfigureAwait(false);
        }

        return key;
    }

    public async Task UpdateAsync(TrackerTarget target, TrackerItem item, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var issue = (JiraIssue)item;
        var changes = new JsonObject();
        if (fields.Contains(TrackerFields.Title)) changes["summary"] = SpecText.Title(spec);
        if (fields.Contains(TrackerFields.Description)) changes["description"] = DesiredDescription(spec);
        if (fields.Contains(TrackerFields.Labels))
        {
            // Labels people added in Jira stay: only the spec's are ensured.
            changes["labels"] = new JsonArray([.. issue.Labels.Union(DesiredLabels(spec), StringComparer.Ordinal).Select(label => (JsonNode)label)]);
        }

        if (fields.Contains(TrackerFields.AcceptanceCriteria) && CriteriaField is { } criteriaField) changes[criteriaField] = DesiredCriteria(spec);
        if (changes.Count > 0)
        {
            await Http.SendAsync(HttpMethod.Put, $"{Api}/issue/{issue.Key}", new JsonObject { ["fields"] = changes }, cancellationToken)
                .ConfigureAwait(false);
        }

        if (fields.Contains(TrackerFields.Status) && WantedTransition(spec) is { } transition)
        {
            await TransitionAsync(issue.Key, transition, cancellationToken).ConfigureAwait(false);
        }

        if (fields.Contains(TrackerFields.Subtasks))
        {
            await SyncSubtasksAsync(spec, issue, cancellationToken).ConfigureAwait(false);
        }

        if (fields.Contains(TrackerFields.PullRequestLink) && target.PullRequest is { } pr)
        {
            await LinkPullRequestAsync(issue.Key, pr, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => http?.Dispose();

    private string MarkerQuery(IEnumerable<string> specIds)
    {
        var project = $"project = {Quote(options.ProjectKey!)}";
        if (SpecField is { } field)
        {
            var clause = FieldClause(field);
            // "~" is a text search in which "-" would negate a word: search the ID as one exact phrase.
            return $"{project} AND ({string.Join(" OR ", specIds.Select(id => $"{clause} ~ {Quote(Quote(id))}"))})";
        }

        return $"{project} AND labels IN ({string.Join(", ", specIds.Select(id => Quote(MarkerLabel(id))))})";
    }

    // JQL names custom fields cf[NNNNN]; "customfield_NNNNN" is not a JQL field name.
    private static string FieldClause(string field) =>
        field.StartsWith("customfield_", StringComparison.Ordinal) ? $"cf[{field["customfield_".Length..]}]" : Quote(field);

    private async IAsyncEnumerable<JiraIssue> SearchAsync(string jql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fieldNames = new JsonArray("summary", "description", "labels", "status", "subtasks", "issuetype");
        if (SpecField is { } specField) fieldNames.Add((JsonNode)specField);
        if (CriteriaField is { } criteriaField) fieldNames.Add((JsonNode)criteriaField);

        string? nextPageToken = null;
        var startAt = 0;
        while (true)
        {
            var body = new JsonObject { ["jql"] = jql, ["fields"] = fieldNames.DeepClone(), ["maxResults"] = PageSize };
            string url;
            if (cloud)
            {
                url = Api + "/search/jql";
                body["expand"] = "transitions";
                if (nextPageToken is not null) body["nextPageToken"] = nextPageToken;
            }
            else
            {
                url = Api + "/search";
                body["expand"] = new JsonArray("transitions");
                body["startAt"] = startAt;
            }

            var page = await Http.SendAsync(HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false)
                ?? throw new TrackerException("jira: the search answered with an empty body");
            var count = 0;
            if (page.TryGetProperty("issues", out var issues))
            {
                foreach (var issue in issues.EnumerateArray())
                {
                    count++;
                    yield return ReadIssue(issue);
                }
            }

            if (cloud)
            {
                nextPageToken = page.TryGetProperty("nextPageToken", out var token) ? token.GetString() : null;
                if (nextPageToken is null || count == 0) yield break;
            }
            else
            {
                startAt += count;
                var total = page.TryGetProperty("total", out var totalValue) ? totalValue.GetInt32() : startAt;
                if (count == 0 || startAt >= total) yield break;
            }
        }
    }

    private JiraIssue ReadIssue(JsonElement issue)
    {
        var fields = issue.GetProperty("fields");
        var transitions = new List<JiraTransition>();
        if (issue.TryGetProperty("transitions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var transition in list.EnumerateArray())
            {
                var read = ReadTransition(transition);
                transitions.Add(read);
                transitionTargets.TryAdd(read.Id, read);
            }
        }

        var subtasks = new List<JiraSubtask>();
        if (fields.TryGetProperty("subtasks", out var subtaskList) && subtaskList.ValueKind == JsonValueKind.Array)
        {
            subtasks.AddRange(subtaskList.EnumerateArray().Select(subtask => new JiraSubtask(
                subtask.GetProperty("key").GetString()!,
                subtask.TryGetProperty("fields", out var subtaskFields) ? JsonText.Of(subtaskFields, "summary") ?? string.Empty : string.Empty)));
        }

        var isSubtask = fields.TryGetProperty("issuetype", out var type) && type.ValueKind == JsonValueKind.Object &&
            type.TryGetProperty("subtask", out var flag) && flag.ValueKind == JsonValueKind.True;
        fields.TryGetProperty("status", out var status);
        return new JiraIssue(issue.GetProperty("key").GetString()!)
        {
            Summary = JsonText.Of(fields, "summary") ?? string.Empty,
            DescriptionText = fields.TryGetProperty("description", out var description) ? AtlassianDocument.PlainText(description) : string.Empty,
            Labels = fields.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Array
                ? [.. labels.EnumerateArray().Select(label => label.GetString() ?? string.Empty)]
                : [],
            StatusId = status.ValueKind == JsonValueKind.Object ? JsonText.Of(status, "id") : null,
            StatusName = status.ValueKind == JsonValueKind.Object ? JsonText.Of(status, "name") : null,
            SpecFieldValue = isSubtask ? null : SpecField is { } specField && fields.TryGetProperty(specField, out var value) ? AtlassianDocument.PlainText(value).Trim() : null,
            CriteriaFieldText = CriteriaField is { } criteriaField && fields.TryGetProperty(criteriaField, out var criteria) ? AtlassianDocument.PlainText(criteria) : string.Empty,
            Transitions = transitions,
            Subtasks = subtasks,
        };
    }

    private string? SpecIdOf(JiraIssue issue, HashSet<string> wanted)
    {
        if (SpecField is not null)
        {
            // The JQL "~" is a text search: confirm the exact value.
            return issue.SpecFieldValue is { } value && wanted.Contains(value) ? value : null;
        }

        return issue.Labels
            .Where(label => label.StartsWith("spec-", StringComparison.Ordinal))
            .Select(label => label["spec-".Length..])
            .FirstOrDefault(wanted.Contains);
    }

    private string? WantedTransition(Spec spec) => spec.Status switch
    {
        SpecStatus.Approved => Blank(options.TransitionOnApprove),
        SpecStatus.Implemented => Blank(options.TransitionOnImplement),
        _ => null,
    };

    private async Task<bool> NeedsTransitionAsync(Spec spec, JiraIssue issue, CancellationToken cancellationToken)
    {
        if (WantedTransition(spec) is not { } wanted)
        {
            return false;
        }

        var offered = issue.Transitions.FirstOrDefault(transition => transition.Id == wanted);
        if (offered is not null)
        {
            return offered.ToStatusId != issue.StatusId;
        }

        if (!transitionTargets.TryGetValue(wanted, out var known))
        {
            // Nothing offered it yet: ask Jira about this one transition, unavailable ones included.
            var answer = await Http.SendAsync(HttpMethod.Get,
                $"{Api}/issue/{issue.Key}/transitions?transitionId={Uri.EscapeDataString(wanted)}&includeUnavailableTransitions=true",
                null, cancellationToken).ConfigureAwait(false);
            var all = answer is { } body && body.TryGetProperty("transitions", out var list)
                ? list.EnumerateArray().Select(ReadTransition).ToList()
                : [];
            known = all.FirstOrDefault(transition => transition.Id == wanted);
            if (known is null)
            {
                var available = issue.Transitions.Count == 0
                    ? "none"
                    : string.Join(", ", issue.Transitions.Select(transition => $"{transition.Id} ({transition.Name} → {transition.ToStatusName})"));
                throw new TrackerException(
                    $"jira: transition \"{wanted}\" ({TransitionSetting(spec)}) does not exist for {issue.Key} (status \"{issue.StatusName}\"); available transitions: {available}");
            }

            transitionTargets.TryAdd(wanted, known);
        }

        if (known.ToStatusId == issue.StatusId)
        {
            return false;
        }

        throw new TrackerException(
            $"jira: transition \"{wanted}\" ({TransitionSetting(spec)}, to \"{known.ToStatusName}\") is not available from status \"{issue.StatusName}\" of {issue.Key}");
    }

    private static string TransitionSetting(Spec spec) =>
        spec.Status == SpecStatus.Approved ? "transition_on_approve" : "transition_on_implement";

    private Task TransitionAsync(string key, string transitionId, CancellationToken cancellationToken) =>
        Http.SendAsync(HttpMethod.Post, $"{Api}/issue/{key}/transitions",
            new JsonObject { ["transition"] = new JsonObject { ["id"] = transitionId } }, cancellationToken);

    private static IEnumerable<AcceptanceCriterion> MissingOrStaleSubtasks(Spec spec, JiraIssue issue) =>
        spec.AcceptanceCriteria.Where(criterion =>
            SubtaskOf(issue, criterion) is not { } subtask || subtask.Summary != SubtaskSummary(criterion));

    // A subtask belongs to a criterion by the "AC-1:" prefix of its summary, so rewording a criterion updates it instead of adding one.
    private static JiraSubtask? SubtaskOf(JiraIssue issue, AcceptanceCriterion criterion) =>
        issue.Subtasks.FirstOrDefault(subtask => subtask.Summary.StartsWith(criterion.Id + ":", StringComparison.Ordinal));

    private static string SubtaskSummary(AcceptanceCriterion criterion)
    {
        var summary = SpecText.Criterion(criterion);
        return summary.Length <= 255 ? summary : summary[..254] + "…";
    }

    private async Task SyncSubtasksAsync(Spec spec, JiraIssue issue, CancellationToken cancellationToken)
    {
        foreach (var criterion in MissingOrStaleSubtasks(spec, issue).ToList())
        {
            if (SubtaskOf(issue, criterion) is { } stale)
            {
                await Http.SendAsync(HttpMethod.Put, $"{Api}/issue/{stale.Key}",
                    new JsonObject { ["fields"] = new JsonObject { ["summary"] = SubtaskSummary(criterion) } }, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var fields = new JsonObject
            {
                ["project"] = new JsonObject { ["key"] = options.ProjectKey },
                ["parent"] = new JsonObject { ["key"] = issue.Key },
                // The default sub-task type is "Subtask" on Cloud and "Sub-task" on Server/Data Center.
                ["issuetype"] = new JsonObject { ["name"] = cloud ? "Subtask" : "Sub-task" },
                ["summary"] = SubtaskSummary(criterion),
            };
            await Http.SendAsync(HttpMethod.Post, Api + "/issue", new JsonObject { ["fields"] = fields }, cancellationToken, creates: true)
                .ConfigureAwait(false);
        }
    }

    private static string GlobalId(PullRequestReference pr) => "speccake-pr=" + pr.Url;

    private async Task<bool> HasPullRequestLinkAsync(string key, PullRequestReference pr, CancellationToken cancellationToken)
    {
        var links = await Http.SendAsync(HttpMethod.Get,
            $"{Api}/issue/{key}/remotelink?globalId={Uri.EscapeDataString(GlobalId(pr))}", null, cancellationToken).ConfigureAwait(false);
        if (links is not { ValueKind: JsonValueKind.Array } array)
        {
            return false;
        }

        return array.EnumerateArray().Any(link =>
            link.TryGetProperty("object", out var target) && JsonText.Of(target, "url") == pr.Url && JsonText.Of(target, "title") == pr.Title);
    }

    // Jira upserts remote links by globalId, so a repeated link updates the one link instead of adding another.
    private Task LinkPullRequestAsync(string key, PullRequestReference pr, CancellationToken cancellationToken) =>
        Http.SendAsync(HttpMethod.Post, $"{Api}/issue/{key}/remotelink", new JsonObject
        {
            ["globalId"] = GlobalId(pr),
            ["relationship"] = "pull request",
            ["object"] = new JsonObject { ["url"] = pr.Url, ["title"] = pr.Title },
        }, cancellationToken);

    private JsonNode DesiredDescription(Spec spec) =>
        cloud ? AtlassianDocument.Description(spec) : JsonValue.Create(AtlassianDocument.WikiMarkup(spec));

    private string DesiredDescriptionText(Spec spec) =>
        cloud ? AtlassianDocument.PlainText(AtlassianDocument.Description(spec)) : AtlassianDocument.WikiMarkup(spec);

    private JsonNode DesiredCriteria(Spec spec) =>
        cloud ? AtlassianDocument.Criteria(spec) : JsonValue.Create(AtlassianDocument.CriteriaWiki(spec));

    private string DesiredCriteriaText(Spec spec) =>
        cloud ? AtlassianDocument.PlainText(AtlassianDocument.Criteria(spec)) : AtlassianDocument.CriteriaWiki(spec);

    /// <summary>The spec's labels: <c>spec</c>, the marker <c>spec-&lt;ID&gt;</c>, and its own (Jira labels cannot hold spaces).</summary>
    private static IReadOnlyList<string> DesiredLabels(Spec spec) =>
        [.. new[] { "spec", MarkerLabel(spec.Id) }.Concat(spec.Labels.Select(label => label.Trim().Replace(' ', '-'))).Distinct(StringComparer.Ordinal)];

    private static string MarkerLabel(string specId) => "spec-" + specId;

    private static JiraTransition ReadTransition(JsonElement transition)
    {
        transition.TryGetProperty("to", out var to);
        return new JiraTransition(
            JsonText.Of(transition, "id") ?? string.Empty,
            JsonText.Of(transition, "name") ?? string.Empty,
            to.ValueKind == JsonValueKind.Object ? JsonText.Of(to, "id") ?? string.Empty : string.Empty,
            to.ValueKind == JsonValueKind.Object ? JsonText.Of(to, "name") ?? string.Empty : string.Empty);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static long IssueNumber(string key) =>
        long.TryParse(key[(key.LastIndexOf('-') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue;
}
