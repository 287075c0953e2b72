namespace SpecCake.AddinTests;

/// <summary>
/// Shared by every script test, because it is the slow part: packs src/SpecCake and
/// src/SpecCake.Recipe once with a unique prerelease version into a local folder feed, and restores the repository's Cake.Tool
/// from a copy of <c>.config/dotnet-tools.json</c> in a temporary root. Each test then writes a
/// <c>build.cake</c> in a folder under that root and runs <c>dotnet cake</c> there, as a user would.
/// </summary>
public sealed class CakeRunnerFixture : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The temporary root; holds the tool manifest, the feed and one folder per script.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "speccake-addin-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The local folder feed the addin is packed into.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>A version no cache has seen, so Cake must load this very build.</summary>
    public string Version { get; } = $"0.0.0-addintest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>The directive a user writes, pinned to the packed version.</summary>
    public string AddinDirective => $"#addin nuget:?package=SpecCake&version={Version}&loaddependencies=true";

    /// <summary>The directive a recipe user writes, pinned to the packed version.</summary>
    public string RecipeDirective => $"#load nuget:?package=SpecCake.Recipe&version={Version}";

    /// <summary>Where Cake installs addins; shared so the dependencies are extracted once.</summary>
    public string AddinsPath => Path.Combine(Root, "addins");

    /// <summary>How long packing and the tool restore took.</summary>
    public TimeSpan SetupTime { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Path.Combine(Root, ".config"));
        File.Copy(
            Path.Combine(RepositoryRoot.Path, ".config", "dotnet-tools.json"),
            Path.Combine(Root, ".config", "dotnet-tools.json"));

        var pack = ProcessRun.RunAsync(
            "dotnet",
            ["pack", Path.Combine(RepositoryRoot.Path, "src", "SpecCake"), "-c", "Release", "-o", Feed, $"-p:Version={Version}", "--nologo"],
            RepositoryRoot.Path,
            timeout: PackTimeout);
        var packRecipe = ProcessRun.RunAsync(
            "dotnet",
            ["pack", Path.Combine(RepositoryRoot.Path, "src", "SpecCake.Recipe"), "-c", "Release", "-o", Feed, $"-p:Version={Version}", "--nologo"],
            RepositoryRoot.Path,
            timeout: PackTimeout);
        var restore = ProcessRun.RunAsync("dotnet", ["tool", "restore"], Root, timeout: PackTimeout);

        var packed = await pack;
        var packedRecipe = await packRecipe;
        var restored = await restore;
        if (packed.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed: {packed}");
        }

        if (packedRecipe.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack of the recipe failed: {packedRecipe}");
        }

        if (restored.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed: {restored}");
        }

        SetupTime = packed.Elapsed > restored.Elapsed ? packed.Elapsed : restored.Elapsed;
    }

    /// <summary>The packed addin.</summary>
    public string PackagePath => Path.Combine(Feed, $"SpecCake.{Version}.nupkg");

    /// <summary>A fresh folder under <see cref="Root"/> for one script.</summary>
    public string NewScriptDirectory(string name)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Writes <c>build.cake</c> into <paramref name="directory"/> and runs it with the repository's Cake.Tool.</summary>
    internal async Task<ProcessRun> RunScriptAsync(
        string directory,
        string script,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "build.cake"), script);
        var variables = new Dictionary<string, string?>
        {
            // The local feed first, nuget.org for the dependencies (Cake's nuget_source setting).
            ["CAKE_NUGET_SOURCE"] = $"{Feed};https://api.nuget.org/v3/index.json",
            ["CAKE_PATHS_ADDINS"] = AddinsPath,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return await ProcessRun.RunAsync(
            "dotnet",
            ["cake", "build.cake", .. arguments ?? []],
            directory,
            variables,
            TimeSpan.FromMinutes(3));
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a green run for.
        }

        return Task.CompletedTask;
    }
}
