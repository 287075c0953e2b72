using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpecCake.TestSupport;

/// <summary>
/// <c>pack.sh</c>'s folder feed for these sources, as other repositories get SpecCake: the addin, the
/// recipe and the tool (pointer, native and <c>any</c> packages). Packed once and shared
/// (<see cref="BuildCache"/>) by the tool's tests; the Cake runner's tests take
/// <see cref="AddinAndRecipe"/>, which needs no host.
/// <para>
/// pack.sh runs as a user runs it after <c>./build.sh</c>: with no <c>--version</c>, in the folders of the
/// host this machine builds (<see cref="HostBuild.MachineKind"/>), so it compiles nothing again, not
/// even the native code. The packages carry the projects' own version, the same in every run, so
/// whatever installs them in a test makes sure no package of that version from elsewhere answers for
/// this build: the tool's install uses a NuGet packages folder and CLI home of its own, and the Cake
/// runner's tests check the machine's packages folder (Cake's addins folder is their own).
/// </para>
/// </summary>
/// <param name="Feed">The folder feed.</param>
/// <param name="Version">The packages' version.</param>
/// <param name="Pack">What pack.sh printed.</param>
public sealed partial record PackedFeed(string Feed, string Version, ProcessRun Pack)
{
    private static readonly Lazy<PackedFeed> Whole = new(MakeWhole);

    private static readonly Lazy<PackedFeed> Addin = new(MakeAddinAndRecipe);

    /// <summary>The feed of these sources, packed when no test run has packed it yet.</summary>
    public static PackedFeed Get() => Whole.Value;

    /// <summary>
    /// The addin and the recipe alone (<c>pack.sh --packages addin,recipe</c>), all a Cake script loads,
    /// in a feed of their own: the Cake runner's tests do not wait for the tool's packs, and the
    /// solution pack after them. It needs no host; when a host is built, after it, in its folders.
    /// </summary>
    public static PackedFeed AddinAndRecipe() => Addin.Value;

    [GeneratedRegex(@"^SpecCake\.Recipe\.(?<version>\d.*)\.nupkg$")]
    private static partial Regex RecipePackage();

    private static PackedFeed MakeWhole() => Make("packs", [], () =>
    {
        // Only when packing: a feed already made needs no host. After the host, and before the tool's
        // packs, the addin and the recipe: the Cake runner's tests wait for those two alone. (Before
        // the host they held up its native code, the run's longest chain: a fresh `dotnet test` took
        // 403 s that way, against 394 s.)
        var host = HostBuild.Of(HostBuild.MachineKind);
        _ = AddinAndRecipe();
        return HostBuild.ScriptEnvironment(host.HostDirectory, host.Kind);
    });

    // No host's folder or kind: the addin and the recipe only need the shared intermediate folder.
    private static PackedFeed MakeAddinAndRecipe() =>
        Make("addin-feed", ["--packages", "addin,recipe"], () => new() { ["SPECCAKE_HOST_OBJ_DIR"] = HostBuild.IntermediateDirectory });

    /// <summary>The feed entry <paramref name="name"/>: pack.sh with <paramref name="arguments"/>, told what <paramref name="environment"/> returns once its turn comes.</summary>
    private static PackedFeed Make(string name, string[] arguments, Func<Dictionary<string, string?>> environment)
    {
        var entry = BuildCache.Entry(name, folder =>
        {
            var variables = environment();
            ProcessRun pack;
            using (HostBuild.LockFolders())
            {
                pack = ProcessRun.Start(
                    "bash",
                    [Path.Combine(RepositoryRoot.Path, "pack.sh"), "--output", Path.Combine(folder, "feed"), .. arguments],
                    RepositoryRoot.Path,
                    variables,
                    timeout: TimeSpan.FromMinutes(20));
            }

            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"pack.sh failed: {pack}");
            }

            File.WriteAllText(Path.Combine(folder, "pack.json"), JsonSerializer.Serialize(pack));
        });
        var feed = Path.Combine(entry, "feed");
        var version = Directory.EnumerateFiles(feed)
            .Select(file => RecipePackage().Match(Path.GetFileName(file)))
            .Single(match => match.Success)
            .Groups["version"].Value;
        return new PackedFeed(feed, version, JsonSerializer.Deserialize<ProcessRun>(File.ReadAllText(Path.Combine(entry, "pack.json")))!);
    }
}
