using SpecCake.Events;

namespace SpecCake.Specs.Changes;

/// <summary>A spec event found in the git history between two commits.</summary>
/// <param name="Event">The event: <see cref="SpecEventKind.SpecCreated"/> or <see cref="SpecEventKind.SpecApproved"/>.</param>
/// <param name="SpecId">The spec's <c>id</c> at head, or its file name when the file has none.</param>
/// <param name="File">The spec file at head, relative to the repository root with forward slashes.</param>
public sealed record DetectedSpecEvent(SpecEventKind Event, string SpecId, string File)
{
    /// <summary>The event as printed: <c>spec_created FEAT-0001 (specs/features/FEAT-0001.yaml)</c>.</summary>
    public override string ToString() => $"{Event.ToName()} {SpecId} ({File})";
}
