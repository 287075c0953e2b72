namespace SpecCake.Specs;

/// <summary>One spec file (docs/design/contract.md#spec-files), as read and validated.</summary>
public sealed record Spec
{
    /// <summary>The spec ID, <c>PREFIX-NNNN</c>; equals the file name without extension.</summary>
    public required string Id { get; init; }

    /// <summary>The human title.</summary>
    public required string Title { get; init; }

    /// <summary>The lifecycle status.</summary>
    public required SpecStatus Status { get; init; }

    /// <summary>The file, relative to the repository root with forward slashes (e.g. <c>specs/features/FEAT-0001.yaml</c>).</summary>
    public required string File { get; init; }

    /// <summary>The kind of work, when given.</summary>
    public SpecType? Type { get; init; }

    /// <summary>The incident severity, when given (<c>SEV1</c> pages PagerDuty as critical).</summary>
    public SpecSeverity? Severity { get; init; }

    /// <summary>The owning team or person, e.g. <c>@team</c>.</summary>
    public string? Owner { get; init; }

    /// <summary>Requested reviewers.</summary>
    public IReadOnlyList<string> Reviewers { get; init; } = [];

    /// <summary>Free labels.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Free text (Markdown).</summary>
    public string? Description { get; init; }

    /// <summary>The acceptance criteria; a plain string in the file becomes <c>AC-n</c> by position.</summary>
    public IReadOnlyList<AcceptanceCriterion> AcceptanceCriteria { get; init; } = [];
}

/// <summary>One acceptance criterion of a spec.</summary>
/// <param name="Id">Its ID (<c>AC-1</c>), given in the file or derived from its position.</param>
/// <param name="Text">What must hold.</param>
public sealed record AcceptanceCriterion(string Id, string Text);

/// <summary>The spec lifecycle status: <c>draft | review | approved | implemented</c>.</summary>
public enum SpecStatus
{
    /// <summary><c>draft</c></summary>
    Draft,
    /// <summary><c>review</c></summary>
    Review,
    /// <summary><c>approved</c></summary>
    Approved,
    /// <summary><c>implemented</c></summary>
    Implemented,
}

/// <summary>The kind of work: <c>feature | bug | chore | incident</c>.</summary>
public enum SpecType
{
    /// <summary><c>feature</c></summary>
    Feature,
    /// <summary><c>bug</c></summary>
    Bug,
    /// <summary><c>chore</c></summary>
    Chore,
    /// <summary><c>incident</c></summary>
    Incident,
}

/// <summary>Incident severity, <c>SEV1</c> (worst) to <c>SEV4</c>.</summary>
public enum SpecSeverity
{
    /// <summary><c>SEV1</c></summary>
    Sev1 = 1,
    /// <summary><c>SEV2</c></summary>
    Sev2 = 2,
    /// <summary><c>SEV3</c></summary>
    Sev3 = 3,
    /// <summary><c>SEV4</c></summary>
    Sev4 = 4,
}
