using SpecCake.Specs.Changes;

namespace SpecCake.Tests.Specs.Changes;

public sealed class SpecPathsReaderTests : IDisposable
{
    private readonly TempFolder _directory = new("paths");

    public void Dispose() => _directory.Dispose();

    private string Config(string yaml)
    {
        var file = Path.Combine(_directory.Path, "specs.config.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    [Fact]
    public void Read_ConfigWithPaths_ReturnsThemInOrder()
    {
        var file = Config("specs:\n  paths:\n    - \"docs/specs/**/*.yaml\"\n    - \"rfcs/*.yml\"\nintegrations: {}\n");

        Assert.Equal(["docs/specs/**/*.yaml", "rfcs/*.yml"], SpecPathsReader.Read(file));
    }

    [Fact]
    public void Read_ConfigWithoutSpecsBlock_ReturnsTheDefault()
    {
        var file = Config("notifications:\n  fail_on_error: false\n");

        Assert.Equal(["specs/**/*.yaml"], SpecPathsReader.Read(file));
    }

    [Fact]
    public void Read_MissingFile_SaysWhichFileAndWhy()
    {
        var missing = Path.Combine(_directory.Path, "nope.yaml");

        var error = Assert.Throws<SpecChangeDetectionException>(() => SpecPathsReader.Read(missing));

        Assert.Contains($"{missing}: not found", error.Message);
    }

    [Fact]
    public void Read_BrokenYaml_ReportsFileLineAndColumn()
    {
        var file = Config("specs:\n\tpaths: []\n");

        var error = Assert.Throws<SpecChangeDetectionException>(() => SpecPathsReader.Read(file));

        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: .*tab", error.Message);
    }

    [Fact]
    public void Read_UnclosedFlowSequence_ReportsTheFile()
    {
        var file = Config("specs:\n  paths: [\"specs/**/*.yaml\"\nintegrations:\n");

        var error = Assert.Throws<SpecChangeDetectionException>(() => SpecPathsReader.Read(file));

        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: YAML syntax error", error.Message);
    }
}
