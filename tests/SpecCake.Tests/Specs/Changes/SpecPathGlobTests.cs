using SpecCake.Specs.Changes;

namespace SpecCake.Tests.Specs.Changes;

public sealed class SpecPathGlobTests
{
    [Theory]
    [InlineData("specs/**/*.yaml", "specs/FEAT-0001.yaml", true)]
    [InlineData("specs/**/*.yaml", "specs/features/deep/FEAT-0001.yaml", true)]
    [InlineData("specs/**/*.yaml", "specs/FEAT-0001.yml", false)]
    [InlineData("specs/**/*.yaml", "other/specs/FEAT-0001.yaml", false)]
    [InlineData("specs/*.yaml", "specs/features/FEAT-0001.yaml", false)]
    [InlineData("specs/**/*.{yaml,yml}", "specs/a/FEAT-0001.yml", true)]
    [InlineData("./specs/FEAT-????.yaml", "specs/FEAT-0001.yaml", true)]
    [InlineData("specs/**", "specs/a/b.yaml", true)]
    public void IsMatch_GlobAtRepositoryRoot_MatchesGitPaths(string glob, string path, bool expected) =>
        Assert.Equal(expected, new SpecPathGlob([glob]).IsMatch(path));

    [Theory]
    [InlineData("specs/**/*.yaml", "config/specs/FEAT-0001.yaml", true)]
    [InlineData("specs/**/*.yaml", "specs/FEAT-0001.yaml", false)]
    [InlineData("../specs/*.yaml", "specs/FEAT-0001.yaml", true)]
    public void IsMatch_GlobRelativeToConfigInSubfolder_MatchesFromThere(string glob, string path, bool expected) =>
        Assert.Equal(expected, new SpecPathGlob([glob], "config").IsMatch(path));

    [Theory]
    [InlineData("", "specs.config.yaml", false)]
    [InlineData("", "specs/FEAT-0001.yaml", true)]
    [InlineData("config", "config/specs.config.yaml", false)]
    [InlineData("config", "specs.config.yaml", true)]
    public void IsMatch_TheConfigFile_IsNoSpecEvenWhenAGlobMatchesIt(string configDirectory, string path, bool expected) =>
        Assert.Equal(expected, new SpecPathGlob(["**/*.yaml", "../**/*.yaml"], configDirectory, "specs.config.yaml").IsMatch(path));
}
