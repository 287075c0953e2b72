using SpecCake.Specs.Changes;

namespace SpecCake.Tests.Specs.Changes;

public sealed class FileChangeTests
{
    [Fact]
    public void ParseNameStatus_NulSeparatedOutput_ReadsEveryKindWithPathsContainingSpaces()
    {
        var output = "A\0specs/new spec.yaml\0M\0specs/b.yaml\0D\0specs/c.yaml\0R087\0specs/old.yaml\0specs/new.yaml\0";

        var changes = FileChange.ParseNameStatus(output);

        Assert.Equal(
            [
                new FileChange(FileChangeKind.Added, "specs/new spec.yaml"),
                new FileChange(FileChangeKind.Modified, "specs/b.yaml"),
                new FileChange(FileChangeKind.Deleted, "specs/c.yaml"),
                new FileChange(FileChangeKind.Renamed, "specs/new.yaml", "specs/old.yaml"),
            ],
            changes);
    }

    [Fact]
    public void ParseNameStatus_NoChanges_ReturnsEmpty() => Assert.Empty(FileChange.ParseNameStatus(""));
}
