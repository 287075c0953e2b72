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
/// token and wiki markup. Statuses follow <see cref="JiraWorkflow"/>; a duplicate issue is deleted, or,
/// without the permission to delete, loses its marker and gets the label <c>speccake-duplicate</c>.
/// </summary>
internal sealed class JiraTracker(JiraOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask)
    : ITracker
{
    public const string TrackerName = JiraIntegration.ConfigKey;
    private const int SpecsPerSearch = 100;
    private const int PageSize = 100;
    // The search is eventually consistent; reconcileIssues makes up to 50 given issues current in it.
    private const int ReconcileLimit = 50;
    private const string DuplicateLabel = "speccake-duplicate";

    // What each transition leads to, learned from any issue: an issue already in the target status
    // usually does not offer the transition, so its absence alone cannot tell "done" from "impossible".
    private readonly ConcurrentDictionary<string, JiraTransition> transitionTargets = new(StringComparer.Ordinal);
    // Issues this run created, by spec: their IDs are passed as reconcileIssues when looking again.
    private readonly ConcurrentDictionary<string, long> createdIds = new(StringComparer.Ordinal);
    private readonly JiraWorkflow workflow = new(options);
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
        // The same check, in the same words, as when the configuration was read: Cloud needs the email too.
        JiraIntegration.Instance.RequireSecrets(options, environment);
        var url = options.ApiUrl ?? options.BaseUrl ?? TrackerEnvironment.Get(environment, JiraIntegration.BaseUrl.Name)!;
        var token = TrackerEnvironment.Get(environment, JiraIntegration.ApiToken.Name)!;
        if (string.IsNullOrWhiteSpace(options.ProjectKey))
        {
            throw new TrackerException("jira: integrations.jira.project_key is not set");
        }

        baseUrl = url.TrimEnd('/');
        var email = TrackerEnvironment.Get(environment, JiraIntegration.Email.Name);
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

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TrackerItem>>> FindAsync(IReadOnlyList<TrackerTarget> targets, CancellationToken cancellationToken)
    {
        var wanted = targets.Select(target => target.SpecId).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, List<JiraIssue>>(StringComparer.Ordinal);
        var ids = targets.Select(target => target.SpecId).Distinct().ToList();
        foreach (var chunk in ids.Chunk(ids.Any(createdIds.ContainsKey) ? ReconcileLimit : SpecsPerSearch))
        {
            var reconcile = cloud ? chunk.Where(createdIds.ContainsKey).Select(id => createdIds[id]).ToList() : [];
            await foreach (var issue in SearchAsync(MarkerQuery(chunk), reconcile, cancellationToken).ConfigureAwait(false))
            {
                if (SpecIdOf(issue, wanted) is { } specId)
                {
                    (found.TryGetValue(specId, out var list) ? list : found[specId] = []).Add(issue);
                }
            }
        }

        // Oldest first: Jira numbers issues in creation order, so every run keeps the same one.
        return found.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<TrackerItem>)[.. pair.Value.DistinctBy(issue => issue.Key).OrderBy(issue => issue.Id).ThenBy(issue => IssueNumber(issue.Key))],
            StringComparer.Ordinal);
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
            if (workflow.Goal(spec.Status) is not null) fields.Add(TrackerFields.Status);
            if (options.CreateSubtasks && spec.AcceptanceCriteria.Count > 0) fields.Add(TrackerFields.Subtasks);
            if (target.PullRequest is not null) fields.Add(TrackerFields.PullRequestLink);
            return fields;
        }

        if (!string.Equals(issue.Summary, SpecText.Title(spec), StringComparison.Ordinal)) fields.Add(TrackerFields.Title);
        if (!SpecText.SameText(issue.DescriptionText, DesiredDescriptionText(spec))) fields.Add(TrackerFields.Description);
        if (DesiredLabels(spec).Except(issue.Labels, StringComparer.Ordinal).Any()) fields.Add(TrackerFields.Labels);
        if (CriteriaField is not null && !SpecText.SameText(issue.CriteriaFieldText, DesiredCriteriaText(spec))) fields.Add(TrackerFields.AcceptanceCriteria);
        if (await StatusWorkAsync(spec, issue, cancellationToken).ConfigureAwait(false) is { } status) fields.Add(status);
        if (options.CreateSubtasks && (MissingOrStaleSubtasks(spec, issue).Any() || DuplicateSubtasks(spec, issue.Subtasks).Any()))
        {
            fields.Add(TrackerFields.Subtasks);
        }

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

        var created = await TrackerAnswer.SendAsync(Http, Request(HttpMethod.Post, Api + "/issue", creates: true), new JsonObject { ["fields"] = fields }, cancellationToken)
            .ConfigureAwait(false);
        var key = created.String("key");
        if (long.TryParse(created.OptionalString("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            createdIds[spec.Id] = id;
        }

        // A new issue is in its workflow's first status: move it now; the rest follows the same path as updates.
        if (workflow.Goal(spec.Status) is not null)
        {
            await ApplyStatusAsync(spec, key, cancellationToken).ConfigureAwait(false);
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

        if (fields.Contains(TrackerFields.Status) || fields.Contains(TrackerFields.SpecStatus))
        {
            await ApplyStatusAsync(spec, issue.Key, cancellationToken).ConfigureAwait(false);
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

    public async Task RetireAsync(TrackerTarget target, TrackerItem duplicate, TrackerItem kept, CancellationToken cancellationToken)
    {
        var issue = (JiraIssue)duplicate;
        try
        {
            await Http.SendAsync(HttpMethod.Delete, $"{Api}/issue/{issue.Key}?deleteSubtasks=true", null, cancellationToken).ConfigureAwait(false);
        }
        catch (TrackerException)
        {
            // Deleting needs the "Delete issues" permission, which bots often lack: the duplicate gives up its
            // marker instead (so no search finds it again) and says what it is. An issue already deleted fails
            // here too, and the reconciler tells that apart by looking again.
            var changes = new JsonObject
            {
                ["labels"] = new JsonArray([.. issue.Labels
                    .Where(label => label != MarkerLabel(target.SpecId) && label != "spec")
                    .Append(DuplicateLabel).Distinct(StringComparer.Ordinal).Select(label => (JsonNode)label)]),
            };
            if (SpecField is { } specField) changes[specField] = null;
            await Http.SendAsync(HttpMethod.Put, $"{Api}/issue/{issue.Key}", new JsonObject { ["fields"] = changes }, cancellationToken).ConfigureAwait(false);
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

    private async IAsyncEnumerable<JiraIssue> SearchAsync(
        string jql, IReadOnlyList<long> reconcile, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
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
                // Only Cloud's search returns issue properties (Server's cannot: JRASERVER-62898).
                body["properties"] = new JsonArray(JiraWorkflow.PropertyKey);
                if (reconcile.Count > 0) body["reconcileIssues"] = new JsonArray([.. reconcile.Select(id => (JsonNode)id)]);
                if (nextPageToken is not null) body["nextPageToken"] = nextPageToken;
            }
            else
            {
                url = Api + "/search";
                body["expand"] = new JsonArray("transitions");
                body["startAt"] = startAt;
            }

            var page = await TrackerAnswer.SendAsync(Http, Request(HttpMethod.Post, url), body, cancellationToken).ConfigureAwait(false);
            var issues = page.Array("issues").ToList();
            foreach (var issue in issues)
            {
                yield return ReadIssue(issue);
            }

            if (cloud)
            {
                nextPageToken = page.OptionalString("nextPageToken");
                if (nextPageToken is null || issues.Count == 0) yield break;
            }
            else
            {
                startAt += issues.Count;
                var total = page.OptionalValue("total") is not null ? page.Int32("total") : startAt;
                if (issues.Count == 0 || startAt >= total) yield break;
            }
        }
    }

    /// <summary>The issue's status, offered transitions and recorded spec status, as they are now.</summary>
    private async Task<JiraIssue> ReadStatusAsync(string key, CancellationToken cancellationToken)
    {
        var url = $"{Api}/issue/{key}?fields=status,labels&expand=transitions&properties={JiraWorkflow.PropertyKey}";
        return ReadIssue(await TrackerAnswer.SendAsync(Http, Request(HttpMethod.Get, url), null, cancellationToken).ConfigureAwait(false), propertiesRead: true);
    }

    private JiraIssue ReadIssue(TrackerAnswer issue, bool propertiesRead = false)
    {
        var key = issue.String("key");
        var fields = issue.Object("fields");
        var transitions = new List<JiraTransition>();
        foreach (var transition in issue.OptionalArray("transitions"))
        {
            var read = ReadTransition(transition);
            transitions.Add(read);
            transitionTargets.TryAdd(read.Id, read);
        }

        var subtasks = ReadSubtasks(fields);
        var isSubtask = fields.OptionalObject("issuetype")?.OptionalBoolean("subtask") == true;
        var status = fields.OptionalObject("status");
        var property = issue.OptionalObject("properties")?.OptionalObject(JiraWorkflow.PropertyKey);
        return new JiraIssue(key)
        {
            Id = CreationOrder(issue),
            Summary = fields.OptionalString("summary") ?? string.Empty,
            Title = fields.OptionalString("summary") ?? string.Empty,
            DescriptionText = RichText(fields, "description"),
            Labels = [.. fields.OptionalArray("labels").Select(label => label.AsString())],
            StatusId = status?.OptionalString("id"),
            StatusName = status?.OptionalString("name"),
            StatusCategory = status?.OptionalObject("statusCategory")?.OptionalString("key"),
            AppliedStatus = property?.OptionalString("status"),
            AppliedStatusKnown = cloud || propertiesRead,
            SpecFieldValue = isSubtask ? null : SpecField is { } specField && fields.OptionalValue(specField) is not null ? RichText(fields, specField).Trim() : null,
            CriteriaFieldText = CriteriaField is { } criteriaField ? RichText(fields, criteriaField) : string.Empty,
            Transitions = transitions,
            Subtasks = subtasks,
        };
    }

    // A text field is a string on Server and an ADF document (or a plain string) on Cloud.
    private static string RichText(TrackerAnswer fields, string name)
    {
        if (fields.OptionalValue(name) is not { } value)
        {
            return string.Empty;
        }

        var document = $"a string or an Atlassian document {{\"type\":\"doc\",\"content\":[...]}}";
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
        {
            throw fields.Unexpected(name, document);
        }

        try
        {
            return AtlassianDocument.PlainText(value);
        }
        catch (InvalidOperationException)
        {
            // A node whose "type" is not a string: the document's walker expects one.
            throw fields.Unexpected(name, document + " whose nodes have string types");
        }
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

    /// <summary>
    /// The status work the spec asks of its issue: none when nothing is configured for its status or the
    /// recorded spec status already is the spec's (a person may since have moved the issue: that is theirs);
    /// <see cref="TrackerFields.SpecStatus"/> when the issue already is there and only the record is missing;
    /// <see cref="TrackerFields.Status"/> when it has to move.
    /// </summary>
    private async Task<string?> StatusWorkAsync(Spec spec, JiraIssue issue, CancellationToken cancellationToken)
    {
        if (workflow.Goal(spec.Status) is not { } goal)
        {
            return null;
        }

        var current = issue.AppliedStatusKnown ? issue : await ReadStatusAsync(issue.Key, cancellationToken).ConfigureAwait(false);
        if (current.AppliedStatus == goal.Name)
        {
            return null;
        }

        return workflow.Route(goal, current, transitionTargets).Transition is null ? TrackerFields.SpecStatus : TrackerFields.Status;
    }

    /// <summary>
    /// Moves the issue where the spec's status says, from where it is now (read again: another run may be
    /// moving it too), then records the spec status on it, so the next run knows without a transition to go by.
    /// </summary>
    private async Task ApplyStatusAsync(Spec spec, string key, CancellationToken cancellationToken)
    {
        var goal = workflow.Goal(spec.Status)!;
        var issue = await ReadStatusAsync(key, cancellationToken).ConfigureAwait(false);
        if (issue.AppliedStatus == goal.Name)
        {
            return;
        }

        // At most the approve step, then the implement step.
        for (var step = 0; step < 3; step++)
        {
            var move = workflow.Route(goal, issue, transitionTargets);
            if (move.Transition is not { } transition)
            {
                break;
            }

            try
            {
                await Http.SendAsync(HttpMethod.Post, $"{Api}/issue/{key}/transitions",
                    new JsonObject { ["transition"] = new JsonObject { ["id"] = transition.Id } }, cancellationToken).ConfigureAwait(false);
            }
            catch (TrackerException)
            {
                // Refused: fine if someone else moved the issue meanwhile, else the refusal stands.
                var now = await ReadStatusAsync(key, cancellationToken).ConfigureAwait(false);
                if (now.StatusId == issue.StatusId)
                {
                    throw;
                }

                issue = now;
                continue;
            }

            if (!move.Then)
            {
                break;
            }

            issue = await ReadStatusAsync(key, cancellationToken).ConfigureAwait(false);
        }

        await Http.SendAsync(HttpMethod.Put, $"{Api}/issue/{key}/properties/{JiraWorkflow.PropertyKey}",
            new JsonObject { ["status"] = goal.Name }, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<AcceptanceCriterion> MissingOrStaleSubtasks(Spec spec, JiraIssue issue) =>
        spec.AcceptanceCriteria.Where(criterion =>
            SubtaskOf(issue.Subtasks, criterion) is not { } subtask || subtask.Summary != SubtaskSummary(criterion));

    // A subtask belongs to a criterion by the "AC-1:" prefix of its summary, so rewording a criterion updates it
    // instead of adding one. With several (two runs at once), the oldest is the criterion's.
    private static JiraSubtask? SubtaskOf(IReadOnlyList<JiraSubtask> subtasks, AcceptanceCriterion criterion) =>
        subtasks.Where(subtask => subtask.Summary.StartsWith(criterion.Id + ":", StringComparison.Ordinal)).MinBy(subtask => subtask.Id);

    /// <summary>
    /// Copies SpecCake made of a criterion's sub-task (exactly its summary) besides the oldest: what two runs
    /// at once leave. A person's own sub-task with the same prefix but other words is not a copy.
    /// </summary>
    private static IEnumerable<(JiraSubtask Copy, JiraSubtask Kept)> DuplicateSubtasks(Spec spec, IReadOnlyList<JiraSubtask> subtasks) =>
        spec.AcceptanceCriteria.SelectMany(criterion => SubtaskOf(subtasks, criterion) is { } kept
            ? subtasks.Where(subtask => subtask != kept && subtask.Summary == SubtaskSummary(criterion)).Select(copy => (copy, kept))
            : []);

    private static string SubtaskSummary(AcceptanceCriterion criterion) => SpecText.OneLine(SpecText.Criterion(criterion));

    private static List<JiraSubtask> ReadSubtasks(TrackerAnswer fields) =>
        [.. fields.OptionalArray("subtasks").Select(subtask => new JiraSubtask(
            subtask.String("key"),
            subtask.OptionalObject("fields")?.OptionalString("summary") ?? string.Empty,
            CreationOrder(subtask)))];

    // Jira hands out numeric IDs in creation order; an issue without one sorts last (never kept over a known one).
    private static long CreationOrder(TrackerAnswer issue) =>
        long.TryParse(issue.OptionalString("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue;

    private async Task SyncSubtasksAsync(Spec spec, JiraIssue issue, CancellationToken cancellationToken)
    {
        await RetireDuplicateSubtasksAsync(spec, issue.Key, issue.Subtasks, cancellationToken).ConfigureAwait(false);
        var created = false;
        foreach (var criterion in MissingOrStaleSubtasks(spec, issue).ToList())
        {
            if (SubtaskOf(issue.Subtasks, criterion) is { } stale)
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
            created = true;
        }

        if (created)
        {
            // Another run may have added the same sub-tasks a moment ago, as both read the issue before: look again
            // and keep the oldest of each (the same rule in every run, so they agree on which stays).
            var again = await ReadSubtasksAsync(issue.Key, cancellationToken).ConfigureAwait(false);
            await RetireDuplicateSubtasksAsync(spec, issue.Key, again, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RetireDuplicateSubtasksAsync(Spec spec, string parentKey, IReadOnlyList<JiraSubtask> subtasks, CancellationToken cancellationToken)
    {
        var duplicates = DuplicateSubtasks(spec, subtasks).ToList();
        if (duplicates.Count == 0)
        {
            return;
        }

        foreach (var (copy, kept) in duplicates)
        {
            try
            {
                await Http.SendAsync(HttpMethod.Delete, $"{Api}/issue/{copy.Key}", null, cancellationToken).ConfigureAwait(false);
            }
            catch (TrackerException)
            {
                // Without the "Delete issues" permission the copy gives up the criterion's prefix instead, so no run
                // takes it for the criterion's sub-task again. A copy another run deleted fails both: checked below.
                try
                {
                    await Http.SendAsync(HttpMethod.Put, $"{Api}/issue/{copy.Key}",
                        new JsonObject { ["fields"] = new JsonObject { ["summary"] = SpecText.OneLine($"Duplicate of {kept.Key}: {copy.Summary}") } },
                        cancellationToken).ConfigureAwait(false);
                }
                catch (TrackerException)
                {
                    // Gone already, or refused: the look below tells which.
                }
            }
        }

        var left = DuplicateSubtasks(spec, await ReadSubtasksAsync(parentKey, cancellationToken).ConfigureAwait(false)).Select(pair => pair.Copy.Key).ToList();
        if (left.Count > 0)
        {
            throw new TrackerException($"{TrackerName}: {parentKey} has duplicate sub-tasks SpecCake could neither delete nor rename: {string.Join(", ", left)}");
        }
    }

    private async Task<List<JiraSubtask>> ReadSubtasksAsync(string key, CancellationToken cancellationToken)
    {
        var issue = await TrackerAnswer.SendAsync(Http, Request(HttpMethod.Get, $"{Api}/issue/{key}?fields=subtasks"), null, cancellationToken).ConfigureAwait(false);
        return ReadSubtasks(issue.Object("fields"));
    }

    private static string GlobalId(PullRequestReference pr) => "speccake-pr=" + pr.Url;

    private async Task<bool> HasPullRequestLinkAsync(string key, PullRequestReference pr, CancellationToken cancellationToken)
    {
        var url = $"{Api}/issue/{key}/remotelink?globalId={Uri.EscapeDataString(GlobalId(pr))}";
        var links = await TrackerAnswer.SendAsync(Http, Request(HttpMethod.Get, url), null, cancellationToken).ConfigureAwait(false);
        return links.Items().Any(link =>
            link.OptionalObject("object") is { } target && target.OptionalString("url") == pr.Url && target.OptionalString("title") == pr.Title);
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

    private TrackerRequest Request(HttpMethod method, string url, bool creates = false) => new(TrackerName, method, url, mask, Creates: creates);

    /// <summary>The spec's labels: <c>spec</c>, the marker <c>spec-&lt;ID&gt;</c>, and its own (Jira labels cannot hold spaces).</summary>
    private static IReadOnlyList<string> DesiredLabels(Spec spec) =>
        [.. new[] { "spec", MarkerLabel(spec.Id) }.Concat(spec.Labels.Select(label => SpecText.OneLine(label).Replace(' ', '-'))).Distinct(StringComparer.Ordinal)];

    private static string MarkerLabel(string specId) => "spec-" + specId;

    private static JiraTransition ReadTransition(TrackerAnswer transition)
    {
        var to = transition.OptionalObject("to");
        return new JiraTransition(
            transition.String("id"),
            transition.OptionalString("name") ?? string.Empty,
            to?.OptionalString("id") ?? string.Empty,
            to?.OptionalString("name") ?? string.Empty);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static long IssueNumber(string key) =>
        long.TryParse(key[(key.LastIndexOf('-') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue;
}
