namespace SpecCake.Host.Tests.Process;

/// <summary>
/// The tool as another repository gets it, set up once per test run: <c>pack.sh</c>'s feed for these
/// sources (<see cref="PackedFeed"/>, shared with the Cake runner's tests); an empty repository in a
/// temp folder gets a tool manifest (<c>dotnet new tool-manifest</c>), a <c>specs.config.yaml</c>, two
/// specs and a git history, and installs the tool into a packages folder of its own with
/// <c>dotnet tool install --local SpecCake.Tool --add-source &lt;feed&gt;</c>, as the docs say.
/// </summary>
public sealed class ToolPackageFixture : IDisposable
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(20);

    public ToolPackageFixture()
    {
        var packed = PackedFeed.Get();
        Feed = packed.Feed;
        Version = packed.Version;
        Pack = packed.Pack;
        Directory.CreateDirectory(Repository);

        // The commands of docs/use-in-your-repo.md's "Way 1", as written, with this build's version and feed.
        var commands = DocsSetupCommands();
        Run("dotnet", commands[0]);
        Install = ProcessRun.Start(
            "dotnet",
            [.. commands[1], "--add-source", Feed],
            Repository,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackagesFolder, ["DOTNET_CLI_HOME"] = DotnetHome },
            Slow);
        if (Install.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool install failed: {Install}");
        }

        Run("git", "-c", "init.defaultBranch=main", "init", "-q");
    }

    private readonly TempFolder _root = new("tool");

    /// <summary>The temporary root: the repository, a private NuGet packages folder.</summary>
    public string Root => _root.Path;

    /// <summary>pack.sh's folder feed (shared: read only).</summary>
    public string Feed { get; }

    /// <summary>The user's repository.</summary>
    public string Repository => Path.Combine(Root, "repo");

    /// <summary>Where the tool's packages were extracted (so a test can see which one was chosen).</summary>
    public string PackagesFolder => Path.Combine(Root, "nuget-packages");

    /// <summary>
    /// The dotnet CLI's home for the install and the tool's runs: its tool resolver cache remembers
    /// where a tool of this version was installed, and the version is the same in every run; the
    /// packages folder of an earlier run is gone.
    /// </summary>
    public string DotnetHome => Path.Combine(Root, "dotnet-home");

    /// <summary>The packages' version (the projects' own): installed with a NuGet packages folder and CLI home of this fixture's own.</summary>
    public string Version { get; }

    /// <summary>What pack.sh printed when it packed the feed.</summary>
    public ProcessRun Pack { get; }

    public ProcessRun Install { get; }

    /// <summary><c>dotnet speccake ...</c> in the repository (or a folder of it).</summary>
    public ProcessRun Speccake(string[] args, IReadOnlyDictionary<string, string?>? environment = null, string? folder = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = PackagesFolder,
            ["DOTNET_CLI_HOME"] = DotnetHome,
            // Outside GitHub Actions, whatever runs the tests.
            ["GITHUB_ACTIONS"] = null,
            ["SPECCAKE_HOST_LAUNCHER"] = null,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return ProcessRun.Start("dotnet", ["speccake", .. args], folder is null ? Repository : Path.Combine(Repository, folder), variables, TimeSpan.FromMinutes(2));
    }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Repository, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content + "\n");
    }

    public void Dispose() => _root.Dispose();

    /// <summary>The first bash block of the docs' tool section: <c>dotnet new tool-manifest</c>, then the install.</summary>
    private string[][] DocsSetupCommands()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "use-in-your-repo.md"));
        var section = docs[docs.IndexOf("## Way 1: the dotnet tool", StringComparison.Ordinal)..];
        var block = section[(section.IndexOf("```bash\n", StringComparison.Ordinal) + 8)..];
        var lines = block[..block.IndexOf("```", StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines is not ["dotnet new tool-manifest", var install] || !install.StartsWith("dotnet tool install --local SpecCake.Tool --version ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("docs/use-in-your-repo.md: the tool section no longer starts with the manifest and the install: " + string.Join(" | ", lines));
        }

        var installArguments = install.Split(' ')[1..];
        installArguments[^1] = Version;
        return [["new", "tool-manifest"], installArguments];
    }

    private void Run(string program, params string[] args)
    {
        var run = ProcessRun.Start(program, args, Repository, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackagesFolder }, Slow);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {run}");
        }
    }
}
