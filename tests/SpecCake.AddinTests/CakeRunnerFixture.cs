namespace SpecCake.AddinTests;

/// <summary>
/// Shared by every script test of a class: the addin and the recipe from <c>pack.sh</c>'s folder feed
/// for these sources (<see cref="PackedFeed.AddinAndRecipe"/>, packed once and shared), and
/// the repository's Cake.Tool restored from a copy of <c>.config/dotnet-tools.json</c> in a temporary
/// root. Each test then writes a <c>build.cake</c> in a folder under that root and runs
/// <c>dotnet cake</c> there, as a user would.
/// <para>
/// The packages carry the projects' own version in every run, and Cake takes an addin from the
/// machine's NuGet packages folder before any feed: so the fixture first checks that no SpecCake of
/// that version is there (nothing here puts one there: Cake reads a folder feed in place).
/// </para>
/// </summary>
public sealed class CakeRunnerFixture : IAsyncLifetime
{
    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(5);

    private readonly TempFolder _root = new("addin");

    /// <summary>The temporary root; holds the tool manifest and one folder per script.</summary>
    public string Root => _root.Path;

    /// <summary>The local folder feed the addin is packed into (shared: read only).</summary>
    public string Feed { get; private set; } = "";

    /// <summary>The packages' version (the projects' own).</summary>
    public string Version { get; private set; } = "";

    /// <summary>The directive a user writes, pinned to the packed version.</summary>
    public string AddinDirective => $"#addin nuget:?package=SpecCake&version={Version}&loaddependencies=true";

    /// <summary>The directive a recipe user writes, pinned to the packed version.</summary>
    public string RecipeDirective => $"#load nuget:?package=SpecCake.Recipe&version={Version}";

    /// <summary>A recipe user's build.cake: its <c>Ci</c> task only depends on the recipe's ValidateSpecs; <c>--target</c> picks another.</summary>
    public string RecipeCiScript => $$"""
        {{RecipeDirective}}

        Task("Ci").IsDependentOn("ValidateSpecs");
        RunTarget(Argument("target", "Ci"));
        """;

    /// <summary>Where Cake installs addins; shared so the dependencies are extracted once.</summary>
    public string AddinsPath => Path.Combine(Root, "addins");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".config"));
        File.Copy(
            Path.Combine(RepositoryRoot.Path, ".config", "dotnet-tools.json"),
            Path.Combine(Root, ".config", "dotnet-tools.json"));

        var restore = ProcessRun.RunAsync("dotnet", ["tool", "restore"], Root, timeout: RestoreTimeout);
        var packed = await Task.Run(PackedFeed.AddinAndRecipe);
        var restored = await restore;
        if (restored.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed: {restored}");
        }

        Feed = packed.Feed;
        Version = packed.Version;
        foreach (var id in new[] { "speccake", "speccake.recipe" })
        {
            var stale = Path.Combine(MachinePackagesFolder(), id, Version.ToLowerInvariant());
            if (Directory.Exists(stale))
            {
                throw new InvalidOperationException(
                    $"{stale} holds a {id} {Version} from another build, and Cake would load it instead of this one from {Feed}: delete that folder (dotnet nuget locals global-packages --clear clears them all).");
            }
        }
    }

    private static string MachinePackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The packed addin.</summary>
    public string PackagePath => Path.Combine(Feed, $"SpecCake.{Version}.nupkg");

    /// <summary>A fresh folder under <see cref="Root"/> for one script.</summary>
    public string NewScriptDirectory(string name)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>A fresh script folder holding a spec repository: <c>specs.config.yaml</c> and one spec.</summary>
    public string NewSpecRepository(string name, string config, string spec = SpecRepository.ValidSpec)
    {
        var directory = NewScriptDirectory(name);
        SpecRepository.Write(directory, "specs.config.yaml", config);
        SpecRepository.Write(directory, "specs/features/FEAT-0001.yaml", spec);
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
            // Cake's own script cache (a setting any user may turn on): a script this class already
            // ran, the same text, loads its compiled assembly instead of compiling again. Every test
            // still runs Cake with the addin loaded; the first run of each script compiles it. The
            // cache is this class's (its tests run one at a time, so no two runs write one entry),
            // and a compile is 3.5 of a run's 4.5 CPU seconds.
            ["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "true",
            ["CAKE_PATHS_CACHE"] = Path.Combine(Root, "script-cache"),
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
        _root.Dispose();
        return Task.CompletedTask;
    }
}
