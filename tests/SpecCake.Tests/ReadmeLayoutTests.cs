using System.Text.RegularExpressions;
using SpecCake.Tests.Configuration;

namespace SpecCake.Tests;

/// <summary>The README's Development section is where a maintainer looks for a part: it must name every one.</summary>
public sealed class ReadmeLayoutTests
{
    [Fact]
    public void Development_EveryFolderOfTheAddin_ListedWithWhatItHolds()
    {
        var root = TestConfig.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var section = readme.IndexOf("\n## Development", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no Development section");
        var start = readme.IndexOf("```text", section, StringComparison.Ordinal);
        var layout = readme[start..readme.IndexOf("\n```", start + 1, StringComparison.Ordinal)];

        var folders = Directory.GetDirectories(Path.Combine(root, "src", "SpecCake"))
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .ToArray();
        Assert.NotEmpty(folders);

        // Each on a line of its own, "  Name/   what it holds".
        var missing = folders.Where(name => !Regex.IsMatch(layout, $@"^ +{Regex.Escape(name!)}/ +\S", RegexOptions.Multiline)).ToArray();
        Assert.True(missing.Length == 0, $"README.md's Development layout does not list src/SpecCake/{string.Join("/, src/SpecCake/", missing)}/");
    }
}
