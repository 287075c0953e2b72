using System.Text.Json;

namespace SpecCake.AddinTests;

/// <summary>
/// What <c>dotnet pack SpecCake.sln</c> makes: the three packages other repositories use, nothing
/// else, and a tool that installs from that folder (framework-dependent; pack.sh adds the native package).
/// </summary>
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

    [Fact]
    public void PackSh_PackagesAddinAndRecipe_PacksThoseTwoAndNotTheTool()
    {
        // The Cake runner's feed: it must not wait for the tool (its native code and its three packs).
        var packed = PackedFeed.AddinAndRecipe();
        var packages = Directory.EnumerateFiles(packed.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal([$"SpecCake.{packed.Version}.nupkg", $"SpecCake.Recipe.{packed.Version}.nupkg"], packages);
        Assert.DoesNotContain("Build.csproj", packed.Pack.All);
    }

    [Theory]
    [InlineData("addin,cli", "unknown package 'cli' in --packages")]
    [InlineData(",", "--packages names no package")]
    [InlineData("addin,*", "unknown package '*' in --packages")]
    public async Task PackSh_PackagesItDoesNotKnow_SaysSoAndTheChoicesBeforePackingAnything(string packages, string message)
    {
        using var output = new TempFolder("packargs");

        var run = await ProcessRun.RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "pack.sh"), "--packages", packages, "--output", output.Path], RepositoryRoot.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Contains("addin, recipe, tool", run.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }

    [Fact]
    public async Task PackSh_PackagesWithoutAValue_SaysWhatItNeeds()
    {
        var run = await ProcessRun.RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "pack.sh"), "--packages"], RepositoryRoot.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("pack.sh: --packages needs a value (--output <dir>, --version <version>, --packages <addin,recipe,tool>)", run.Error.Trim());
    }

    [Fact]
    public async Task SolutionPack_TheToolFromItsFolder_InstallsAndRuns()
    {
        // The .NET habit: `dotnet pack` the solution, then install the tool from the folder it wrote.
        using var folder = new TempFolder("slnpack");
        var root = folder.Path;
        var feed = Path.Combine(root, "feed");
        var repository = Path.Combine(root, "repo");
        // A NuGet packages folder and a CLI home of its own: the tool resolver's cache in the CLI home
        // would otherwise point `dotnet speccake` at another test's 0.1.0, long deleted.
        var packages = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-packages"), ["DOTNET_CLI_HOME"] = Path.Combine(root, "home") };
        Directory.CreateDirectory(repository);
        // In the folders pack.sh packed the shared feed in (the machine's host folders), after it, as
        // `dotnet pack` runs after a build: the libraries are found compiled, and the host project packs
        // from an intermediate folder of its own (Directory.Build.props), so the native host's folder,
        // which the native tests build in again, stays as it was. The pack reads the machine's own NuGet
        // cache (Cake comes from the Cake.Tool package there); the install and the run use folders of
        // their own, as a fresh machine would, so the projects' own version cannot come from elsewhere.
        // The feed and the folders' lock are awaited, not waited for in the test's thread: blocked there
        // for minutes, it kept the other classes' Cake runs to one at a time (xUnit runs as many tests at
        // once as there are cores, and an awaiting test gives its thread back).
        await Task.Run(PackedFeed.Get);
        ProcessRun pack;
        using (await Task.Run(HostBuild.LockFolders))
        {
            pack = await ProcessRun.RunAsync(
                "dotnet", ["pack", "SpecCake.sln", "-o", feed, "--artifacts-path", HostBuild.IntermediateDirectory], RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(20));
        }

        Assert.True(pack.ExitCode == 0, pack.ToString());
        var version = Path.GetFileName(Directory.EnumerateFiles(feed, "SpecCake.Tool.*.nupkg").Single(file => char.IsAsciiDigit(Path.GetFileName(file)["SpecCake.Tool.".Length])))["SpecCake.Tool.".Length..^".nupkg".Length];
        var manifest = await ProcessRun.RunAsync("dotnet", ["new", "tool-manifest"], repository, packages);
        Assert.True(manifest.ExitCode == 0, manifest.ToString());

        var install = await ProcessRun.RunAsync(
            "dotnet", ["tool", "install", "--local", "SpecCake.Tool", "--version", version, "--add-source", feed], repository, packages, TimeSpan.FromMinutes(5));
        var run = await ProcessRun.RunAsync("dotnet", ["speccake", "--version"], repository, packages);

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(version, run.Output.Trim());
    }
}
