namespace SpecCake.Events;

/// <summary>
/// The spec lifecycle events of docs/design/integrations.md#events. Their wire and config names are the
/// snake_case forms (<c>implementation_failed</c>); see <see cref="SpecEventKinds"/>.
/// </summary>
public enum SpecEventKind
{
    /// <summary><c>spec_created</c>: a new spec file was committed.</summary>
    SpecCreated,
    /// <summary><c>spec_approved</c>: a spec's status changed to approved.</summary>
    SpecApproved,
    /// <summary><c>implementation_started</c>: the implementation workflow started.</summary>
    ImplementationStarted,
    /// <summary><c>implementation_completed</c>: the implementation finished successfully.</summary>
    ImplementationCompleted,
    /// <summary><c>implementation_failed</c>: the implementation or its validation failed.</summary>
    ImplementationFailed,
    /// <summary><c>pr_created</c>: a pull request was opened.</summary>
    PrCreated,
    /// <summary><c>pr_merged</c>: a pull request was merged.</summary>
    PrMerged,
    /// <summary><c>validation_failed</c>: schema validation of specs or config failed.</summary>
    ValidationFailed,
}
