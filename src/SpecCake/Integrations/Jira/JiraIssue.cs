using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>A spec's Jira issue as read back by the search (or, for its status, by a read of the issue).</summary>
internal sealed record JiraIssue(string Key) : TrackerItem(Key)
{
    /// <summary>The numeric issue ID: Jira hands them out in creation order, so the oldest issue has the lowest.</summary>
    public long Id { get; init; }
    public string Summary { get; init; } = string.Empty;
    public string DescriptionText { get; init; } = string.Empty;
    public IReadOnlyList<string> Labels { get; init; } = [];
    public string? StatusId { get; init; }
    public string? StatusName { get; init; }

    /// <summary>The status category's key: <c>new</c>, <c>indeterminate</c> or <c>done</c>.</summary>
    public string? StatusCategory { get; init; }

    /// <summary>The spec status SpecCake last applied to the issue (its <c>speccake</c> property), when recorded.</summary>
    public string? AppliedStatus { get; init; }

    /// <summary>Whether the property was read: Jira Server/Data Center's search cannot return it.</summary>
    public bool AppliedStatusKnown { get; init; }
    public string? SpecFieldValue { get; init; }
    public string CriteriaFieldText { get; init; } = string.Empty;
    public IReadOnlyList<JiraTransition> Transitions { get; init; } = [];
    public IReadOnlyList<JiraSubtask> Subtasks { get; init; } = [];
}

/// <summary>A workflow transition and the status it leads to.</summary>
internal sealed record JiraTransition(string Id, string Name, string ToStatusId, string ToStatusName);

/// <summary>A subtask of a spec's issue; <paramref name="Id"/> orders them by creation, like issues.</summary>
internal sealed record JiraSubtask(string Key, string Summary, long Id = long.MaxValue);
