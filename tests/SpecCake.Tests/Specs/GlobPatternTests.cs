using SpecCake.Specs;
using SpecCake.Specs.Changes;

namespace SpecCake.Tests.Specs;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("specs/**/*.yaml", "specs/a/b/FEAT-0001.yaml", true)]
    [InlineData("**/*.yaml", "FEAT-0001.yaml", true)]
    [InlineData("specs/**", "specs/a/b.yaml", true)]
    [InlineData("specs/*.{yaml,yml}", "specs/FEAT-0001.yml", true)]
    [InlineData("specs/{features/*,bugs}.yaml", "specs/features/FEAT-0001.yaml", true)]
    [InlineData("specs/{a.yaml", "specs/{a.yaml", true)]
    [InlineData("specs/a}.yaml", "specs/a}.yaml", true)]
    [InlineData("specs/a**.yaml", "specs/ab.yaml", true)]
    [InlineData("specs/a**.yaml", "specs/a/b.yaml", false)]
    [InlineData("specs/*.yaml", "specs/a/b.yaml", false)]
    [InlineData("specs/FEAT-????.yaml", "specs/FEAT-001.yaml", false)]
    public void ToRegex_Glob_MatchesWholePaths(string glob, string path, bool expected) =>
        Assert.Equal(expected, GlobPattern.ToRegex(glob).IsMatch(path));

    [Theory]
    [InlineData("specs/**/*.{yaml,yml}")]
    [InlineData("specs/{a.yaml")]
    [InlineData("specs/a**.yaml")]
    [InlineData("specs/*/FEAT-????.yaml")]
    public void ValidateAndDetect_SameGlob_AgreeOnWhichFilesAreSpecs(string glob)
    {
        string[] files = ["specs/a.yaml", "specs/{a.yaml", "specs/ab.yaml", "specs/x/FEAT-0001.yaml", "specs/x/y/b.yml", "other/c.yaml"];
        using var folder = new TempFolder("glob");
        var root = folder.Path;
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
            File.WriteAllText(Path.Combine(root, file), "id: x\n");
        }

        var onDisk = SpecGlob.Expand(root, SpecGlobSource.Unplaced([glob], "specs.paths"), RepositoryBoundary.Find(root, root), null, [], [], [])
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/')).Order(StringComparer.Ordinal);
        var inGit = files.Where(new SpecPathGlob([glob]).IsMatch).Order(StringComparer.Ordinal);

        Assert.Equal(inGit, onDisk);
    }
}
