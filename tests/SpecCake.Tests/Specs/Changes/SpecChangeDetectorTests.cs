using SpecCake.Events;
using SpecCake.Specs.Changes;

namespace SpecCake.Tests.Specs.Changes;

public sealed class SpecChangeDetectorTests : IDisposable
{
    private readonly SpecRepository _repository = SpecRepository.Init();

    private static string Spec(string id, string status) => $"""
        id: {id}
        title: Spec {id}
        status: {status}
        description: |
          A spec long enough for git's rename detection to recognise it after a move,
          with acceptance criteria and owners as a real one would have.
        owner: "@team"
        acceptance_criteria:
          - Users can sign in with email and password
          - Users are locked out after 5 failed attempts
        """;

    public void Dispose() => _repository.Dispose();

    private IReadOnlyList<DetectedSpecEvent> Detect(string baseRef, string headRef = "HEAD", string? root = null, params string[] globs) =>
        new SpecChangeDetector(
                GitRepository.Discover(root ?? _repository.Path),
                new SpecPathGlob(globs.Length == 0 ? ["specs/**/*.yaml"] : globs))
            .Detect(baseRef, headRef);

    [Fact]
    public void Detect_SpecFileAddedAsDraft_ReportsSpecCreatedOnly()
    {
        var before = _repository.Write("README.md", "repo").Commit("init");
        _repository.Write("specs/features/FEAT-0001.yaml", Spec("FEAT-0001", "draft")).Commit("add spec");

        var events = Detect(before);

        Assert.Equal([new DetectedSpecEvent(SpecEventKind.SpecCreated, "FEAT-0001", "specs/features/FEAT-0001.yaml")], events);
    }

    [Fact]
    public void Detect_SpecFileAddedAlreadyApproved_ReportsCreatedThenApproved()
    {
        var before = _repository.Write("README.md", "repo").Commit("init");
        _repository.Write("specs/FEAT-0002.yaml", Spec("FEAT-0002", "approved")).Commit("add approved spec");

        var events = Detect(before);

        Assert.Equal(
            [
                new DetectedSpecEvent(SpecEventKind.SpecCreated, "FEAT-0002", "specs/FEAT-0002.yaml"),
                new DetectedSpecEvent(SpecEventKind.SpecApproved, "FEAT-0002", "specs/FEAT-0002.yaml"),
            ],
            events);
    }

    [Fact]
    public void Detect_StatusChangedFromReviewToApproved_ReportsSpecApproved()
    {
        _repository.Write("specs/FEAT-0003.yaml", Spec("FEAT-0003", "review"));
        var before = _repository.Commit("spec in review");
        _repository.Write("specs/FEAT-0003.yaml", Spec("FEAT-0003", "approved")).Commit("approve");

        var events = Detect(before);

        Assert.Equal([new DetectedSpecEvent(SpecEventKind.SpecApproved, "FEAT-0003", "specs/FEAT-0003.yaml")], events);
    }

    [Fact]
    public void Detect_ApprovedSpecEditedOrImplemented_ReportsNothing()
    {
        _repository.Write("specs/FEAT-0004.yaml", Spec("FEAT-0004", "approved"));
        _repository.Write("specs/FEAT-0005.yaml", Spec("FEAT-0005", "approved"));
        var before = _repository.Commit("approved specs");
        _repository.Write("specs/FEAT-0004.yaml", Spec("FEAT-0004", "approved") + "labels: [auth]\n");
        _repository.Write("specs/FEAT-0005.yaml", Spec("FEAT-0005", "implemented")).Commit("edit and implement");

        Assert.Empty(Detect(before));
    }

    [Fact]
    public void Detect_SpecRenamedAndSpecDeleted_ReportsNoCreation()
    {
        _repository.Write("specs/features/FEAT-0006.yaml", Spec("FEAT-0006", "draft"));
        _repository.Write("specs/features/FEAT-0007.yaml", Spec("FEAT-0007", "approved"));
        var before = _repository.Commit("two specs");
        _repository.Move("specs/features/FEAT-0006.yaml", "specs/archive/FEAT-0006.yaml");
        _repository.Git("rm", "-q", "specs/features/FEAT-0007.yaml");
        _repository.Commit("move one, delete one");

        Assert.Empty(Detect(before));
    }

    [Fact]
    public void Detect_SpecRenamedAndApprovedInOneChange_ReportsApprovedAtNewPath()
    {
        _repository.Write("specs/drafts/FEAT-0008.yaml", Spec("FEAT-0008", "review"));
        var before = _repository.Commit("draft");
        _repository.Move("specs/drafts/FEAT-0008.yaml", "specs/features/FEAT-0008.yaml");
        _repository.Write("specs/features/FEAT-0008.yaml", Spec("FEAT-0008", "approved")).Commit("move and approve");

        var events = Detect(before);

        Assert.Equal([new DetectedSpecEvent(SpecEventKind.SpecApproved, "FEAT-0008", "specs/features/FEAT-0008.yaml")], events);
    }

    [Fact]
    public void Detect_FileMovedIntoSpecPathsFromElsewhere_ReportsSpecCreated()
    {
        _repository.Write("notes/FEAT-0009.yaml", Spec("FEAT-0009", "draft"));
        var before = _repository.Commit("a note");
        _repository.Move("notes/FEAT-0009.yaml", "specs/FEAT-0009.yaml");
        _repository.Commit("promote the note to a spec");

        var events = Detect(before);

        Assert.Equal([new DetectedSpecEvent(SpecEventKind.SpecCreated, "FEAT-0009", "specs/FEAT-0009.yaml")], events);
    }

    [Fact]
    public void Detect_FilesOutsideSpecPaths_AreIgnored()
    {
        var before = _repository.Write("README.md", "repo").Commit("init");
        _repository.Write("docs/FEAT-0010.yaml", Spec("FEAT-0010", "approved"));
        _repository.Write("specs/FEAT-0010.md", "not yaml");
        _repository.Write("specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]\n").Commit("other files");

        Assert.Empty(Detect(before));
    }

    [Fact]
    public void Detect_SeveralCommitsBetweenRefs_ComparesOnlyTheEnds()
    {
        var before = _repository.Write("README.md", "repo").Commit("init");
        _repository.Write("specs/FEAT-0011.yaml", Spec("FEAT-0011", "approved")).Commit("add approved");
        _repository.Write("specs/FEAT-0011.yaml", Spec("FEAT-0011", "draft")).Commit("back to draft");
        _repository.Write("specs/FEAT-0012.yaml", Spec("FEAT-0012", "draft")).Commit("another");

        var events = Detect(before);

        Assert.Equal(
            [
                new DetectedSpecEvent(SpecEventKind.SpecCreated, "FEAT-0011", "specs/FEAT-0011.yaml"),
                new DetectedSpecEvent(SpecEventKind.SpecCreated, "FEAT-0012", "specs/FEAT-0012.yaml"),
            ],
            events);
    }

    [Fact]
    public void Detect_SpecWithoutIdOrUnreadableYaml_UsesFileNameAndNeverFails()
    {
        _repository.Write("specs/FEAT-0013.yaml", "status: [unclosed\n");
        var before = _repository.Commit("broken spec");
        _repository.Write("specs/FEAT-0013.yaml", "title: no id\nstatus: approved\n");
        _repository.Write("specs/FEAT-0014.yaml", ": : not yaml at all [").Commit("fix one, add a broken one");

        var events = Detect(before);

        Assert.Equal(
            [
                new DetectedSpecEvent(SpecEventKind.SpecApproved, "FEAT-0013", "specs/FEAT-0013.yaml"),
                new DetectedSpecEvent(SpecEventKind.SpecCreated, "FEAT-0014", "specs/FEAT-0014.yaml"),
            ],
            events);
    }

    [Fact]
    public void Detect_SpecLargerThanAnySpec_ReadOnlyToTheLimitAndReportedByFileName()
    {
        var before = _repository.Write("README.md", "repo").Commit("init");
        // Valid YAML with an id and an approved status, past the limit: git is stopped at the limit,
        // and the version counts as unreadable, as ValidateSpecs would call it.
        var huge = "id: FEAT-9999\nstatus: approved\n" + string.Concat(Enumerable.Repeat("# padding padding padding padding\n", 3 * (1 << 20) / 34));
        _repository.Write("specs/FEAT-0020.yaml", huge).Commit("add a huge spec");

        var events = Detect(before);

        Assert.Equal([new DetectedSpecEvent(SpecEventKind.SpecCreated, "FEAT-0020", "specs/FEAT-0020.yaml")], events);
    }

    [Fact]
    public void Detect_MissingBaseRef_ThrowsNamingTheRefAndHowToFetchIt()
    {
        _repository.Write("specs/FEAT-0015.yaml", Spec("FEAT-0015", "draft")).Commit("init");

        var error = Assert.Throws<SpecChangeDetectionException>(() => Detect("origin/does-not-exist"));

        Assert.Contains("base ref 'origin/does-not-exist' not found", error.Message);
        Assert.Contains("git fetch origin origin/does-not-exist", error.Message);
    }

    [Fact]
    public void Detect_ShallowCloneWithBaseCommitPresent_DetectsEvents()
    {
        _repository.Write("specs/FEAT-0016.yaml", Spec("FEAT-0016", "draft")).Commit("one");
        _repository.Write("specs/FEAT-0016.yaml", Spec("FEAT-0016", "review")).Commit("two");
        var before = _repository.Write("specs/FEAT-0016.yaml", Spec("FEAT-0016", "review") + "labels: [x]\n").Commit("three");
        _repository.Write("specs/FEAT-0016.yaml", Spec("FEAT-0016", "approved"));
        _repository.Write("specs/FEAT-0017.yaml", Spec("FEAT-0017", "draft")).Commit("four");
        using var clone = new SpecRepository();
        clone.Git("clone", "-q", "--depth=2", "file://" + _repository.Path, ".");

        Assert.Equal("true", clone.Git("rev-parse", "--is-shallow-repository").Trim());
        var events = Detect(before, root: clone.Path);

        Assert.Equal(
            [
                new DetectedSpecEvent(SpecEventKind.SpecApproved, "FEAT-0016", "specs/FEAT-0016.yaml"),
                new DetectedSpecEvent(SpecEventKind.SpecCreated, "FEAT-0017", "specs/FEAT-0017.yaml"),
            ],
            events);
    }

    [Fact]
    public void Detect_ShallowCloneMissingTheBaseCommit_SaysToFetchIt()
    {
        var before = _repository.Write("specs/FEAT-0018.yaml", Spec("FEAT-0018", "draft")).Commit("one");
        _repository.Write("specs/FEAT-0018.yaml", Spec("FEAT-0018", "approved")).Commit("two");
        using var clone = new SpecRepository();
        clone.Git("clone", "-q", "--depth=1", "file://" + _repository.Path, ".");

        var error = Assert.Throws<SpecChangeDetectionException>(() => Detect(before, root: clone.Path));

        Assert.Contains($"base ref '{before}' not found", error.Message);
        Assert.Contains($"shallow clone: fetch it with `git fetch --depth=1 origin {before}`", error.Message);

        // Following the advice makes detection work.
        clone.Git("fetch", "-q", "--depth=1", "origin", before);
        Assert.Equal([new DetectedSpecEvent(SpecEventKind.SpecApproved, "FEAT-0018", "specs/FEAT-0018.yaml")], Detect(before, root: clone.Path));
    }

    [Fact]
    public void Discover_FromConfigInSubdirectory_GlobsAreRelativeToIt()
    {
        var before = _repository.Write("README.md", "repo").Commit("init");
        _repository.Write("tools/config/specs/FEAT-0019.yaml", Spec("FEAT-0019", "draft"));
        _repository.Write("specs/FEAT-0020.yaml", Spec("FEAT-0020", "draft")).Commit("nested config");

        var repository = GitRepository.Discover(Path.Combine(_repository.Path, "tools", "config"));
        var events = new SpecChangeDetector(repository, new SpecPathGlob(["specs/*.yaml"], repository.Prefix)).Detect(before, "HEAD");

        Assert.Equal("tools/config", repository.Prefix);
        Assert.Equal([new DetectedSpecEvent(SpecEventKind.SpecCreated, "FEAT-0019", "tools/config/specs/FEAT-0019.yaml")], events);
    }

    [Fact]
    public void Discover_OutsideAnyRepository_ThrowsClearError()
    {
        using var folder = new TempFolder("nogit");
        var outside = folder.Path;
        var error = Assert.Throws<SpecChangeDetectionException>(() => GitRepository.Discover(outside));
        Assert.Contains("is not inside a git repository", error.Message);
    }
}
