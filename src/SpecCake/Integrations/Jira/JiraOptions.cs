namespace SpecCake.Integrations.Jira;

/// <summary>
/// <c>integrations.jira</c>; authentication from <c>JIRA_EMAIL</c> + <c>JIRA_API_TOKEN</c> (Cloud)
/// or <c>JIRA_API_TOKEN</c> alone as a bearer token (Server/Data Center).
/// </summary>
public sealed record JiraOptions : IntegrationOptions
{
    /// <summary><c>base_url</c>, e.g. <c>https://your-domain.atlassian.net</c> (or <c>${JIRA_BASE_URL}</c>).</summary>
    public string? BaseUrl { get; init; }

    /// <summary><c>project_key</c>, e.g. <c>PROJ</c>.</summary>
    public string? ProjectKey { get; init; }

    /// <summary><c>issue_type</c>, e.g. <c>Story</c>.</summary>
    public string IssueType { get; init; } = "Story";

    /// <summary><c>transition_on_approve</c>: numeric transition ID applied when a spec is approved.</summary>
    public string? TransitionOnApprove { get; init; }

    /// <summary><c>transition_on_implement</c>: numeric transition ID applied when a spec is implemented.</summary>
    public string? TransitionOnImplement { get; init; }

    /// <summary>
    /// <c>status_mappings</c>: spec status → Jira status name (as <c>status.name</c> shows it), the status the
    /// spec's issue should be in; SpecCake moves it there with any transition Jira offers to that status.
    /// </summary>
    public IReadOnlyDictionary<string, string> StatusMappings { get; init; } = new Dictionary<string, string>();

    /// <summary><c>field_mappings</c>: <c>spec_id</c> / <c>acceptance_criteria</c> → <c>customfield_NNNNN</c>.</summary>
    public IReadOnlyDictionary<string, string> FieldMappings { get; init; } = new Dictionary<string, string>();

    /// <summary><c>create_subtasks</c>: one subtask per acceptance criterion.</summary>
    public bool CreateSubtasks { get; init; }

    /// <summary>The custom field holding the spec ID (the issue's marker), when mapped.</summary>
    internal string? SpecField => FieldMappings.GetValueOrDefault("spec_id");

    /// <summary>The custom field holding the acceptance criteria, when mapped.</summary>
    internal string? CriteriaField => FieldMappings.GetValueOrDefault("acceptance_criteria");
}
