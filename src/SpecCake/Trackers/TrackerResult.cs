namespace SpecCake.Trackers;

/// <summary>One tracker's part of a sync: an outcome per spec and the counts of the summary.</summary>
/// <param name="Tracker">The tracker's config name: <c>jira</c>, <c>linear</c>, <c>azure_devops</c>, <c>github_projects</c>.</param>
/// <param name="Outcomes">One outcome per spec, in spec order.</param>
public sealed record TrackerResult(string Tracker, IReadOnlyList<SpecSyncOutcome> Outcomes)
{
    /// <summary>Items created.</summary>
    public int Created => Count(SpecSyncAction.Create);

    /// <summary>Items updated.</summary>
    public int Updated => Count(SpecSyncAction.Update);

    /// <summary>Items already right.</summary>
    public int Unchanged => Count(SpecSyncAction.Unchanged);

    /// <summary>Specs that could not be reconciled.</summary>
    public int Failed => Count(SpecSyncAction.Failed);

    /// <summary>
    /// In a dry run, why the tracker was not read (its secrets are not set, e.g. <c>JIRA_API_TOKEN is not set</c>):
    /// each spec's outcome is then what it would be if the tracker had no item for it yet.
    /// </summary>
    public string? NotRead { get; init; }

    /// <summary>Duplicate items retired (or, in a dry run, to retire).</summary>
    public int Retired => Outcomes.Sum(outcome => outcome.Retired.Count);

    private int Count(SpecSyncAction action) => Outcomes.Count(outcome => outcome.Action == action);
}
