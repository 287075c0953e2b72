namespace SpecCake.Tests.TestSupport;

/// <summary>The shared temporary folder deletes itself and nothing else.</summary>
public sealed class TempFolderTests
{
    [Fact]
    public void Dispose_ReadOnlyFilesInside_DeletesTheFolder()
    {
        var folder = new TempFolder("tempfolder");
        var file = folder.Write("objects/ab/cdef", "packed");
        File.SetAttributes(file, FileAttributes.ReadOnly);

        folder.Dispose();

        Assert.False(Directory.Exists(folder.Path));
    }

    [Fact]
    public void Dispose_LinksOutOfTheFolderAndBackUp_LeavesWhatTheyPointToAsItWas()
    {
        using var outside = new TempFolder("tempfolder-outside");
        var kept = outside.Write("kept.txt", "not the test's to touch");
        File.SetAttributes(kept, FileAttributes.ReadOnly);
        var folder = new TempFolder("tempfolder");
        Directory.CreateDirectory(folder.Combine("specs"));
        Directory.CreateSymbolicLink(folder.Combine("specs", "outside"), outside.Path);
        Directory.CreateSymbolicLink(folder.Combine("specs", "up"), "..");

        folder.Dispose();

        Assert.False(Directory.Exists(folder.Path));
        Assert.Equal("not the test's to touch", File.ReadAllText(kept));
        Assert.True(File.GetAttributes(kept).HasFlag(FileAttributes.ReadOnly), "the file behind the link lost its read-only flag");
    }
}
