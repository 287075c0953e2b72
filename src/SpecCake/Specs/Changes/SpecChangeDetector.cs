using SpecCake.Events;

namespace SpecCake.Specs.Changes;

/// <summary>
/// Finds <c>spec_created</c> and <c>spec_approved</c> between two commits (docs/design/contract.md#task-arguments,
/// <c>DetectSpecEvents</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A spec file added → <c>spec_created</c>; if it is added already <c>approved</c>, also
/// <c>spec_approved</c> (after it), because subscribers to approvals must hear of every approved
/// spec even when its draft never reached this branch.</item>
/// <item>A spec file whose <c>status</c> is <c>approved</c> at head but was not at base →
/// <c>spec_approved</c>. Only the two ends are compared: a status that went to approved and back
/// in between is not an approval.</item>
/// <item>A rename (git's similarity detection, <c>-M</c>) from one spec path to another is not a
/// creation; it reports <c>spec_approved</c> when the status changed to approved on the way.
/// A file moved into the spec paths from elsewhere, or a copy of a spec, is a creation.</item>
/// <item>Deletions report nothing.</item>
/// </list>
/// </remarks>
internal sealed class SpecChangeDetector
{
    private readonly GitRepository _repository;
    private readonly SpecPathGlob _specFiles;

    public SpecChangeDetector(GitRepository repository, SpecPathGlob specFiles)
    {
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _specFiles = specFiles ?? throw new ArgumentNullException(nameof(specFiles));
    }

    /// <summary>Whether <paramref name="reference"/> is git's all-zero id (GitHub's <c>before</c> of a new branch).</summary>
    public static bool IsNullCommit(string reference) =>
        reference.Length >= 40 && reference.All(c => c == '0');

    /// <summary>The events between <paramref name="baseRef"/> and <paramref name="headRef"/>, in path order.</summary>
    /// <exception cref="SpecChangeDetectionException">A ref is not in the clone, or git failed.</exception>
    public IReadOnlyList<DetectedSpecEvent> Detect(string baseRef, string headRef)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseRef);
        ArgumentException.ThrowIfNullOrWhiteSpace(headRef);

        var baseCommit = _repository.ResolveCommit(baseRef, "base");
        var headCommit = _repository.ResolveCommit(headRef, "head");

        var events = new List<DetectedSpecEvent>();
        foreach (var change in _repository.Diff(baseCommit, headCommit))
        {
            if (change.Kind == FileChangeKind.Deleted || !_specFiles.IsMatch(change.Path))
            {
                continue;
            }

            // A copy leaves the original in place, so the copy is a new spec; a rename is the same spec moved.
            var isNew = change.Kind is FileChangeKind.Added or FileChangeKind.Copied
                || (change.Kind == FileChangeKind.Renamed && !_specFiles.IsMatch(change.OldPath!));
            var head = SpecFileSnapshot.Read(_repository.Show(headCommit, change.Path));
            var before = isNew
                ? new SpecFileSnapshot(null, null)
                : SpecFileSnapshot.Read(_repository.Show(baseCommit, change.OldPath ?? change.Path));
            var id = head.Id ?? Path.GetFileNameWithoutExtension(change.Path);

            if (isNew)
            {
                events.Add(new DetectedSpecEvent(SpecEventKind.SpecCreated, id, change.Path));
            }

            if (head.IsApproved && !before.IsApproved)
            {
                events.Add(new DetectedSpecEvent(SpecEventKind.SpecApproved, id, change.Path));
            }
        }

        return events;
    }
}
