using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>A spec's Jira issue as read back by the search.</summary>
internal sealed record JiraIssue(string Key) : TrackerItem(Key)
{
    public string Summary { get; init; } = string.Empty;
    public string DescriptionText { get; init; } = string.Empty;
    public IReadOnlyList<string> Labels { get; init; } = [];
    public string? StatusId { get; init; }
    public string? StatusName { get; init; }
    public string? SpecFieldValue { get; init; }
    public string CriteriaFieldText { get; init; } = string.Empty;
    public IReadOnlyList<JiraTransition> Transitions { get; init; } = [];
    public IReadOnlyList<JiraSubtask> Subtasks { get; init; } = [];
}

/// <summary>A workflow transition and the status it leads to.</summary>
internal sealed record JiraTransition(string Id, string Name, string ToStatusId, string ToStatusName);

/// <summary>A subtask of a spec's issue.</summary>
internal sealed record JiraSubtask(string Key, string Summary);
