using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Mirrors specs into Jira issues. Marker: the <c>field_mappings.spec_id</c> custom field, or the
/// label <c>spec-&lt;ID&gt;</c> when no field is mapped. What differs between Cloud and Server/Data
/// Center is the <see cref="JiraDialect"/>'s; the work is split along Jira's API areas:
/// <see cref="JiraSearch"/> finds the issues, <see cref="JiraStatusSync"/> moves them along the
/// <see cref="JiraWorkflow"/>, <see cref="JiraSubtasks"/> keeps one sub-task per criterion and
/// <see cref="JiraRemoteLinks"/> links pull requests. A duplicate issue is deleted, or, without the
/// permission to delete, loses its marker and gets the label <c>speccake-duplicate</c>.
/// </summary>
internal sealed class JiraTracker(JiraOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask)
    : ITracker
{
    public const string TrackerName = JiraIntegration.ConfigKey;
    private const int SpecsPerSearch = 100;
    // The search is eventually consistent; reconcileIssues makes up to 50 given issues current in it.
    private const int ReconcileLimit = 50;
    private const string DuplicateLabel = "speccake-duplicate";

    // Issues this run created, by spec: their IDs are passed as reconcileIssues when looking again.
    private readonly ConcurrentDictionary<string, long> _createdIds = new(StringComparer.Ordinal);
    private readonly JiraWorkflow _workflow = new(options);
    private Areas? _areas;

    public string Name => TrackerName;

    private Areas Jira => _areas ?? throw new InvalidOperationException("PrepareAsync first.");

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        var connection = JiraConnection.Open(options, environment, syncOptions, mask);
        var reader = new JiraIssueReader(options, connection.Dialect);
        _areas = new Areas(
            connection,
            new JiraSearch(connection, options, reader),
            new JiraStatusSync(connection, _workflow, reader),
            new JiraSubtasks(connection, options),
            new JiraRemoteLinks(connection));
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TrackerItem>>> FindAsync(IReadOnlyList<TrackerTarget> targets, CancellationToken cancellationToken)
    {
        var wanted = targets.Select(target => target.SpecId).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, List<JiraIssue>>(StringComparer.Ordinal);
        var ids = targets.Select(target => target.SpecId).Distinct().ToList();
        foreach (var chunk in ids.Chunk(ids.Any(_createdIds.ContainsKey) ? ReconcileLimit : SpecsPerSearch))
        {
            var reconcile = chunk.Where(_createdIds.ContainsKey).Select(id => _createdIds[id]).ToList();
            await foreach (var issue in Jira.Search.IssuesAsync(Jira.Search.MarkerQuery(chunk), reconcile, cancellationToken).ConfigureAwait(false))
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
            AddIf(fields, options.SpecField is not null, TrackerFields.SpecId);
            AddIf(fields, options.CriteriaField is not null, TrackerFields.AcceptanceCriteria);
            AddIf(fields, _workflow.Goal(spec.Status) is not null, TrackerFields.Status);
            AddIf(fields, options.CreateSubtasks && spec.AcceptanceCriteria.Count > 0, TrackerFields.Subtasks);
            AddIf(fields, target.PullRequest is not null, TrackerFields.PullRequestLink);
            return fields;
        }

        var dialect = Jira.Connection.Dialect;
        AddIf(fields, !string.Equals(issue.Summary, SpecText.Title(spec), StringComparison.Ordinal), TrackerFields.Title);
        AddIf(fields, !SpecText.SameText(issue.DescriptionText, dialect.DescriptionText(spec)), TrackerFields.Description);
        AddIf(fields, DesiredLabels(spec).Except(issue.Labels, StringComparer.Ordinal).Any(), TrackerFields.Labels);
        AddIf(fields, options.CriteriaField is not null && !SpecText.SameText(issue.CriteriaFieldText, dialect.CriteriaText(spec)), TrackerFields.AcceptanceCriteria);
        if (await Jira.Status.WorkAsync(spec, issue, cancellationToken).ConfigureAwait(false) is { } status)
        {
            fields.Add(status);
        }

        AddIf(fields, options.CreateSubtasks && JiraSubtasks.NeedWork(spec, issue), TrackerFields.Subtasks);
        if (target.PullRequest is { } pr && !await Jira.Links.HasAsync(issue.Key, pr, cancellationToken).ConfigureAwait(false))
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
            ["description"] = Jira.Connection.Dialect.Description(spec),
            ["labels"] = new JsonArray([.. DesiredLabels(spec).Select(label => (JsonNode)label)]),
        };
        if (options.SpecField is { } specField)
        {
            fields[specField] = spec.Id;
        }

        if (options.CriteriaField is { } criteriaField)
        {
            fields[criteriaField] = Jira.Connection.Dialect.Criteria(spec);
        }

        var created = await Jira.Connection.ReadAsync(HttpMethod.Post, "/issue", new JsonObject { ["fields"] = fields }, cancellationToken, creates: true)
            .ConfigureAwait(false);
        var key = created.String("key");
        if (long.TryParse(created.OptionalString("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            _createdIds[spec.Id] = id;
        }

        // A new issue is in its workflow's first status: move it now; the rest follows the same path as updates.
        if (_workflow.Goal(spec.Status) is not null)
        {
            await Jira.Status.ApplyAsync(spec, key, cancellationToken).ConfigureAwait(false);
        }

        if (options.CreateSubtasks)
        {
            await Jira.Subtasks.SyncAsync(spec, new JiraIssue(key), cancellationToken).ConfigureAwait(false);
        }

        if (target.PullRequest is { } pr)
        {
            await Jira.Links.LinkAsync(key, pr, cancellationToken).ConfigureAwait(false);
        }

        return key;
    }

    public async Task UpdateAsync(TrackerTarget target, TrackerItem item, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var issue = (JiraIssue)item;
        var changes = new JsonObject();
        if (fields.Contains(TrackerFields.Title))
        {
            changes["summary"] = SpecText.Title(spec);
        }

        if (fields.Contains(TrackerFields.Description))
        {
            changes["description"] = Jira.Connection.Dialect.Description(spec);
        }

        if (fields.Contains(TrackerFields.Labels))
        {
            // Labels people added in Jira stay: only the spec's are ensured.
            changes["labels"] = new JsonArray([.. issue.Labels.Union(DesiredLabels(spec), StringComparer.Ordinal).Select(label => (JsonNode)label)]);
        }

        if (fields.Contains(TrackerFields.AcceptanceCriteria) && options.CriteriaField is { } criteriaField)
        {
            changes[criteriaField] = Jira.Connection.Dialect.Criteria(spec);
        }

        if (changes.Count > 0)
        {
            await Jira.Connection.SendAsync(HttpMethod.Put, $"/issue/{issue.Key}", new JsonObject { ["fields"] = changes }, cancellationToken).ConfigureAwait(false);
        }

        if (fields.Contains(TrackerFields.Status) || fields.Contains(TrackerFields.SpecStatus))
        {
            await Jira.Status.ApplyAsync(spec, issue.Key, cancellationToken).ConfigureAwait(false);
        }

        if (fields.Contains(TrackerFields.Subtasks))
        {
            await Jira.Subtasks.SyncAsync(spec, issue, cancellationToken).ConfigureAwait(false);
        }

        if (fields.Contains(TrackerFields.PullRequestLink) && target.PullRequest is { } pr)
        {
            await Jira.Links.LinkAsync(issue.Key, pr, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RetireAsync(TrackerTarget target, TrackerItem duplicate, TrackerItem kept, CancellationToken cancellationToken)
    {
        var issue = (JiraIssue)duplicate;
        try
        {
            await Jira.Connection.SendAsync(HttpMethod.Delete, $"/issue/{issue.Key}?deleteSubtasks=true", null, cancellationToken).ConfigureAwait(false);
        }
        catch (TrackerException)
        {
            // Deleting needs the "Delete issues" permission, which bots often lack: the duplicate gives up its
            // marker instead (so no search finds it again) and says what it is. An issue already deleted fails
            // here too, and the reconciler tells that apart by looking again.
            var changes = new JsonObject
            {
                ["labels"] = new JsonArray([.. issue.Labels
                    .Where(label => label != JiraSearch.MarkerLabel(target.SpecId) && label != JiraSearch.SpecLabel)
                    .Append(DuplicateLabel).Distinct(StringComparer.Ordinal).Select(label => (JsonNode)label)]),
            };
            if (options.SpecField is { } specField)
            {
                changes[specField] = null;
            }

            await Jira.Connection.SendAsync(HttpMethod.Put, $"/issue/{issue.Key}", new JsonObject { ["fields"] = changes }, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _areas?.Connection.Dispose();

    private string? SpecIdOf(JiraIssue issue, HashSet<string> wanted)
    {
        if (options.SpecField is not null)
        {
            // The JQL "~" is a text search: confirm the exact value.
            return issue.SpecFieldValue is { } value && wanted.Contains(value) ? value : null;
        }

        return issue.Labels
            .Where(label => label.StartsWith("spec-", StringComparison.Ordinal))
            .Select(label => label["spec-".Length..])
            .FirstOrDefault(wanted.Contains);
    }

    /// <summary>The spec's labels: <c>spec</c>, the marker <c>spec-&lt;ID&gt;</c>, and its own (Jira labels cannot hold spaces).</summary>
    private static IReadOnlyList<string> DesiredLabels(Spec spec) =>
        [.. new[] { JiraSearch.SpecLabel, JiraSearch.MarkerLabel(spec.Id) }.Concat(spec.Labels.Select(label => SpecText.OneLine(label).Replace(' ', '-'))).Distinct(StringComparer.Ordinal)];

    private static void AddIf(List<string> fields, bool condition, string field)
    {
        if (condition)
        {
            fields.Add(field);
        }
    }

    private static long IssueNumber(string key) =>
        long.TryParse(key[(key.LastIndexOf('-') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue;

    /// <summary>The API areas over one signed-in connection.</summary>
    private sealed record Areas(JiraConnection Connection, JiraSearch Search, JiraStatusSync Status, JiraSubtasks Subtasks, JiraRemoteLinks Links);
}
