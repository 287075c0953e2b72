namespace SpecCake.Trackers;

/// <summary>What a reconciliation did (or, in a dry run, would do) to one spec's tracker item.</summary>
public enum SpecSyncAction
{
    /// <summary>No item carried the spec's marker: one was created.</summary>
    Create,
    /// <summary>The item existed and some fields differed: only those were written.</summary>
    Update,
    /// <summary>The item already matched the spec: nothing was written.</summary>
    Unchanged,
    /// <summary>The spec could not be reconciled; see the error.</summary>
    Failed,
}
