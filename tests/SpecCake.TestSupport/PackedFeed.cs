using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpecCake.TestSupport;

/// <summary>
/// <c>pack.sh</c>'s folder feed for these sources, as other repositories get SpecCake: the addin, the
/// recipe and the tool (pointer, native and <c>any</c> packages). Packed once and shared
/// (<see cref="BuildCache"/>) by the tool's tests and the Cake runner's.
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
    private static readonly Lazy<PackedFeed> Shared = new(Make);

    /// <summary>The feed of these sources, packed when no test run has packed it yet.</summary>
    public static PackedFeed Get() => Shared.Value;

    [GeneratedRegex(@"^SpecCake\.Recipe\.(?<version>\d.*)\.nupkg$")]
    private static partial Regex RecipePackage();

    private static PackedFeed Make()
    {
        var entry = BuildCache.Entry("packs", folder =>
        {
            // Only when packing: a feed already made needs no host.
            var host = HostBuild.Of(HostBuild.MachineKind);
            ProcessRun pack;
            using (HostBuild.LockFolders())
            {
                pack = ProcessRun.Start(
                    "bash",
                    [Path.Combine(RepositoryRoot.Path, "pack.sh"), "--output", Path.Combine(folder, "feed")],
                    RepositoryRoot.Path,
                    HostBuild.ScriptEnvironment(host.HostDirectory, host.Kind),
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
