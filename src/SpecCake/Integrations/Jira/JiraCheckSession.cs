using SpecCake.Checks;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// What CheckIntegrations' Jira checks share: one read-only connection, and the answers more than one
/// check reads (the project, the transitions Jira knows), each asked for once. See docs/checks.md for
/// the endpoints and what each answer means.
/// </summary>
internal sealed class JiraCheckSession(JiraOptions options) : IDisposable
{
    // Issues looked at for the transitions they offer, when the workflow cannot be read.
    private const int SampleIssues = 50;

    private JiraConnection? _connection;
    private Task<TrackerAnswer>? _project;
    private Task<JiraKnownTransitions>? _transitions;

    /// <summary>The options checked.</summary>
    public JiraOptions Options => options;

    /// <summary>The project key, as configured.</summary>
    public string ProjectKey => options.ProjectKey!.Trim();

    /// <summary>The read-only connection, opened on first use.</summary>
    public JiraConnection Connection(CheckContext context) =>
        _connection ??= JiraConnection.Open(options, context.Environment, context.SyncOptions, context.Masker, readOnly: true);

    /// <summary><c>GET /project/{key}</c>: the project with its issue types.</summary>
    public Task<TrackerAnswer> ProjectAsync(CheckContext context, CancellationToken cancellationToken) =>
        _project ??= Connection(context).GetAsync($"/project/{Uri.EscapeDataString(ProjectKey)}", cancellationToken);

    /// <summary>The configured issue type as the project lists it, or null when it has none of that name.</summary>
    public async Task<TrackerAnswer?> IssueTypeAsync(string name, CheckContext context, CancellationToken cancellationToken) =>
        (await ProjectAsync(context, cancellationToken).ConfigureAwait(false)).OptionalArray("issueTypes")
            .Cast<TrackerAnswer?>()
            .FirstOrDefault(type => string.Equals(type!.Value.OptionalString("name"), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The transitions Jira knows for the configured issue type, and where that was read.</summary>
    public Task<JiraKnownTransitions> TransitionsAsync(CheckContext context, CancellationToken cancellationToken) =>
        _transitions ??= ReadTransitionsAsync(context, cancellationToken);

    public void Dispose() => _connection?.Dispose();

    private async Task<JiraKnownTransitions> ReadTransitionsAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var jira = Connection(context);
        if (jira.Dialect.ListsWorkflowTransitions && await FromWorkflowAsync(context, cancellationToken).ConfigureAwait(false) is { } fromWorkflow)
        {
            return fromWorkflow;
        }

        // Jira lists an issue's transitions out of its current status only: the project's issues of the
        // type, in whatever statuses they are, show what the workflow offers from those statuses.
        var jql = $"project = {JiraSearch.Quote(ProjectKey)} AND issuetype = {JiraSearch.Quote(options.IssueType)} ORDER BY updated DESC";
        var page = await jira.GetAsync(jira.Dialect.SearchGet(jql, "status", SampleIssues), cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<string, JiraTransition>(StringComparer.Ordinal);
        var statuses = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        foreach (var issue in page.Array("issues"))
        {
            count++;
            if (issue.Object("fields").OptionalObject("status")?.OptionalString("name") is { } status)
            {
                statuses.Add(status);
            }

            foreach (var transition in issue.OptionalArray("transitions").Select(JiraIssueReader.ReadTransition))
            {
                known.TryAdd(transition.Id, transition);
            }
        }

        var where = count == 0
            ? $"on the {options.IssueType} issues of {ProjectKey}, of which there are none yet"
            : $"on the {count} {options.IssueType} issue{(count == 1 ? string.Empty : "s")} of {ProjectKey} (in {string.Join(", ", statuses)})";
        return new JiraKnownTransitions([.. known.Values.OrderBy(transition => transition.Id, StringComparer.Ordinal)], where, FromWorkflow: false, IssuesRead: count);
    }

    /// <summary>
    /// The issue type's workflow, read whole: its scheme for the project, then the workflow with its
    /// transitions. Both need the Administer Jira permission; without it (or on a Jira that answers
    /// otherwise) null, and the transitions come from issues instead.
    /// </summary>
    private async Task<JiraKnownTransitions?> FromWorkflowAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var jira = Connection(context);
        try
        {
            var project = await ProjectAsync(context, cancellationToken).ConfigureAwait(false);
            var type = await IssueTypeAsync(options.IssueType, context, cancellationToken).ConfigureAwait(false);
            var schemes = await jira.GetAsync($"/workflowscheme/project?projectId={Uri.EscapeDataString(project.String("id"))}", cancellationToken).ConfigureAwait(false);
            var scheme = schemes.Array("values").Cast<TrackerAnswer?>().FirstOrDefault()?.OptionalObject("workflowScheme");
            if (scheme is null)
            {
                return null;
            }

            var typeId = type?.OptionalString("id");
            var mapped = typeId is null ? null : scheme.Value.OptionalObject("issueTypeMappings")?.OptionalString(typeId);
            var name = mapped ?? scheme.Value.OptionalString("defaultWorkflow");
            if (name is null)
            {
                return null;
            }

            var found = await jira.GetAsync($"/workflow/search?workflowName={Uri.EscapeDataString(name)}&expand=transitions,statuses", cancellationToken).ConfigureAwait(false);
            if (found.Array("values").Cast<TrackerAnswer?>().FirstOrDefault() is not { } workflow || workflow.OptionalArray("transitions").ToList() is not { Count: > 0 } list)
            {
                return null;
            }

            var statusNames = workflow.OptionalArray("statuses").ToDictionary(status => status.String("id"), status => status.OptionalString("name") ?? string.Empty, StringComparer.Ordinal);
            var transitions = list
                .Select(transition =>
                {
                    var to = transition.OptionalString("to") ?? string.Empty;
                    return new JiraTransition(transition.String("id"), transition.OptionalString("name") ?? string.Empty, to, statusNames.GetValueOrDefault(to) ?? to);
                })
                .DistinctBy(transition => transition.Id)
                .OrderBy(transition => transition.Id, StringComparer.Ordinal)
                .ToList();
            return new JiraKnownTransitions(transitions, $"in the workflow \"{name}\" of {options.IssueType} issues in {ProjectKey}", FromWorkflow: true, IssuesRead: 0);
        }
        catch (TrackerException error) when (error.StatusCode is 401 or 403 or 404)
        {
            // Reading workflows needs Administer Jira, which a bot rarely has.
            return null;
        }
    }
}

/// <summary>The transitions Jira knows for the issue type, and where they were read.</summary>
/// <param name="Transitions">Each transition once, by ID.</param>
/// <param name="Source">Where they were read, for messages: <c>in the workflow "…" of Story issues in PROJ</c>, <c>on the 2 Story issues of PROJ (in To Do)</c>.</param>
/// <param name="FromWorkflow">Whether the workflow was read whole (else only what issues in their statuses offer).</param>
/// <param name="IssuesRead">How many issues were looked at, when not from the workflow.</param>
internal sealed record JiraKnownTransitions(IReadOnlyList<JiraTransition> Transitions, string Source, bool FromWorkflow, int IssuesRead)
{
    /// <summary>The transitions as a message lists them: <c>21 Start Progress (→ In Progress), 31 Done (→ Done)</c>.</summary>
    public string Listed => Transitions.Count == 0
        ? "none"
        : string.Join(", ", Transitions.Select(transition => $"{transition.Id} {transition.Name} (→ {transition.ToStatusName})"));
}
