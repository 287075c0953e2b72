using System.Text.Json;

namespace SpecCake.TestSupport;

/// <summary>
/// <c>pack.sh</c>'s folder feed for these sources, as other repositories get SpecCake: the addin, the
/// recipe and the tool (pointer, native and <c>any</c> packages). Packed once and shared
/// (<see cref="BuildCache"/>) by the tool's tests and the Cake runner's, with a version made from the
/// sources' key: a package of that version always holds this very build.
/// </summary>
/// <param name="Feed">The folder feed.</param>
/// <param name="Version">The packages' version.</param>
/// <param name="Pack">What pack.sh printed.</param>
public sealed record PackedFeed(string Feed, string Version, ProcessRun Pack)
{
    private static readonly Lazy<PackedFeed> Shared = new(Make);

    /// <summary>The feed of these sources, packed when no test run has packed it yet.</summary>
    public static PackedFeed Get() => Shared.Value;

    private static PackedFeed Make()
    {
        // A prerelease label of letters and digits (a numeric one may not start with 0).
        var version = "0.0.0-test.k" + BuildCache.SourcesKey;
        var entry = BuildCache.Entry("packs", folder =>
        {
            var pack = ProcessRun.Start(
                "bash",
                [Path.Combine(RepositoryRoot.Path, "pack.sh"), "--output", Path.Combine(folder, "feed"), "--version", version],
                RepositoryRoot.Path,
                timeout: TimeSpan.FromMinutes(20));
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"pack.sh failed: {pack}");
            }

            File.WriteAllText(Path.Combine(folder, "pack.json"), JsonSerializer.Serialize(pack));
        });
        return new PackedFeed(Path.Combine(entry, "feed"), version, JsonSerializer.Deserialize<ProcessRun>(File.ReadAllText(Path.Combine(entry, "pack.json")))!);
    }
}
