using System.Text.Json;

namespace SpecCake.AddinTests;

/// <summary>What <c>dotnet pack SpecCake.sln</c> makes: the three packages other repositories use, nothing else.</summary>
public sealed class PackagesTests
{
    [Fact]
    public async Task Solution_EveryProject_OnlyTheAddinRecipeAndToolArePackable()
    {
        var list = await ProcessRun.RunAsync("dotnet", ["sln", "SpecCake.sln", "list"], RepositoryRoot.Path);
        var projects = list.Output.Split('\n', StringSplitOptions.TrimEntries).Where(line => line.EndsWith(".csproj", StringComparison.Ordinal)).ToArray();

        var evaluations = await Task.WhenAll(projects.Select(project => ProcessRun.RunAsync(
            "dotnet",
            ["msbuild", project, "-getProperty:IsPackable", "-getProperty:PackageId", "-getProperty:PackAsTool", "-getProperty:ToolCommandName"],
            RepositoryRoot.Path,
            timeout: TimeSpan.FromMinutes(3))));
        var packable = new Dictionary<string, JsonElement>();
        foreach (var evaluation in evaluations)
        {
            Assert.True(evaluation.ExitCode == 0, evaluation.ToString());
            var properties = JsonDocument.Parse(evaluation.Output).RootElement.GetProperty("Properties");
            if (properties.GetProperty("IsPackable").GetString() == "true")
            {
                packable[properties.GetProperty("PackageId").GetString()!] = properties.Clone();
            }
        }

        Assert.Equal(["SpecCake", "SpecCake.Recipe", "SpecCake.Tool"], packable.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("true", packable["SpecCake.Tool"].GetProperty("PackAsTool").GetString());
        Assert.Equal("speccake", packable["SpecCake.Tool"].GetProperty("ToolCommandName").GetString());
    }
}
