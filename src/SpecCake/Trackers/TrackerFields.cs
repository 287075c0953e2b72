namespace SpecCake.Trackers;

/// <summary>The names of the fields a reconciliation writes, as shown in the plan and the summary.</summary>
internal static class TrackerFields
{
    public const string Title = "title";
    public const string Description = "description";
    public const string Labels = "labels";
    public const string Status = "status";

    /// <summary>The spec status recorded on the item (Jira), without moving it: the item already is where the spec says.</summary>
    public const string SpecStatus = "spec_status";
    public const string SpecId = "spec_id";
    public const string AcceptanceCriteria = "acceptance_criteria";
    public const string Subtasks = "subtasks";
    public const string PullRequestLink = "pr_link";
    public const string Marker = "marker";
}
