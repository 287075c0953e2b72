namespace SpecCake.AddinTests;

/// <summary>
/// Shared by every script test of a class: the addin and the recipe from <c>pack.sh</c>'s folder feed
/// for these sources (<see cref="PackedFeed"/>, packed once and shared with the tool's tests), and
/// the repository's Cake.Tool restored from a copy of <c>.config/dotnet-tools.json</c> in a temporary
/// root. Each test then writes a <c>build.cake</c> in a folder under that root and runs
/// <c>dotnet cake</c> there, as a user would.
/// <para>
/// Cake looks for an addin in the NuGet packages folder before any source, and the feed's packages
/// carry the projects' own version in every run: so Cake and its tool restore use the feed's own
/// packages folder (<see cref="PackedFeed.PackagesFolder"/>), never the machine's, where a SpecCake
/// of that version from some other build could be.
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

    /// <summary>The NuGet packages folder of every restore and script run here (the feed's own).</summary>
    public string PackagesFolder { get; private set; } = "";

    /// <summary>The directive a user writes, pinned to the packed version.</summary>
    public string AddinDirective => $"#addin nuget:?package=SpecCake&version={Version}&loaddependencies=true";

    /// <summary>The directive a recipe user writes, pinned to the packed version.</summary>
    public string RecipeDirective => $"#load nuget:?package=SpecCake.Recipe&version={Version}";

    /// <summary>Where Cake installs addins; shared so the dependencies are extracted once.</summary>
    public string AddinsPath => Path.Combine(Root, "addins");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".config"));
        File.Copy(
            Path.Combine(RepositoryRoot.Path, ".config", "dotnet-tools.json"),
            Path.Combine(Root, ".config", "dotnet-tools.json"));

        var packed = await Task.Run(PackedFeed.Get);
        Feed = packed.Feed;
        Version = packed.Version;
        PackagesFolder = packed.PackagesFolder;

        // Cake.Tool into that folder too (dotnet cake finds a local tool there), taken from the
        // machine's packages folder as a local feed: nothing to download.
        var restored = await ProcessRun.RunAsync(
            "dotnet",
            ["tool", "restore", "--add-source", MachinePackagesFolder()],
            Root,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackagesFolder },
            RestoreTimeout);
        if (restored.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed: {restored}");
        }
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
            ["NUGET_PACKAGES"] = PackagesFolder,
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

    private static string MachinePackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
