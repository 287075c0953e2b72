using System.Collections.Concurrent;
using System.Text.Json;

namespace SpecCake.TestSupport;

/// <summary>
/// The host of one kind, built once per test run, or not at all while the sources are unchanged
/// (<see cref="BuildCache"/>): build.sh's true first run, <c>./build.sh --version</c> into an empty
/// folder, is recorded with it. Where <c>.ci/run</c> has just built the machine's own kind into
/// <c>.artifacts/host</c> (its first step, a fresh clone's first <c>./build.sh --version</c>, recorded in
/// <c>.artifacts/ci/build-sh-first-run</c>), that host and that first run are used, not built again.
/// <para>
/// Every kind is published in one intermediate folder (<see cref="IntermediateDirectory"/>, build.sh's
/// SPECCAKE_HOST_OBJ_DIR), one build at a time (<see cref="LockFolders"/>): the libraries under the
/// hosts are compiled once, and each kind of the host project has a folder of its own there
/// (Directory.Build.props), so building one leaves the others up to date.
/// </para>
/// </summary>
public sealed record HostBuild(string Kind, string Entry, string HostDirectory, ProcessRun FirstRun)
{
    private static readonly ConcurrentDictionary<string, Lazy<HostBuild>> Builds = new();

    private static readonly Lazy<string> Machine = new(() =>
    {
        var run = ProcessRun.Start(
            "bash",
            ["-c", "source build/host-kind.sh && echo \"$kind\""],
            RepositoryRoot.Path,
            new Dictionary<string, string?> { ["SPECCAKE_HOST_BUILD"] = null },
            TimeSpan.FromSeconds(30));
        return run.ExitCode == 0 && run.Output.Trim() == "readytorun" ? "readytorun" : "native";
    });

    private static readonly Lazy<string> SharedIntermediate = new(() =>
        CiFirstRun(MachineKind) is not null
            ? DefaultHostDirectory + ".obj"
            : Path.Combine(BuildCache.Entry("host-obj", _ => { }), "artifacts"));

    /// <summary>
    /// The intermediate folder every host here is published in (build.sh's SPECCAKE_HOST_OBJ_DIR), and
    /// pack.sh packs in: the one .ci/run's first <c>./build.sh</c> made, where it built this machine's
    /// kind for these sources; else one in the build cache.
    /// </summary>
    public static string IntermediateDirectory => SharedIntermediate.Value;

    /// <summary>build.sh's own host folder (no SPECCAKE_HOST_DIR).</summary>
    public static string DefaultHostDirectory => Path.Combine(RepositoryRoot.Path, ".artifacts", "host");

    /// <summary>Where <c>.ci/run</c> keeps what its first <c>./build.sh --version</c> printed: stdout, stderr, exit, and the stamp it left.</summary>
    public static string CiFirstRunDirectory => Path.Combine(RepositoryRoot.Path, ".artifacts", "ci", "build-sh-first-run");

    /// <summary>
    /// The kind build.sh builds on this machine when not told (build/host-kind.sh decides): <c>native</c>
    /// where a C toolchain and a known RID are, else <c>readytorun</c>.
    /// </summary>
    public static string MachineKind => Machine.Value;

    /// <summary>The host of <paramref name="kind"/> for these sources.</summary>
    public static HostBuild Of(string kind) => Builds.GetOrAdd(kind, k => new Lazy<HostBuild>(() => Make(k))).Value;

    /// <summary>
    /// What build.sh, build.ps1 and pack.sh are told about a host here: its folder, the shared
    /// intermediate folder and its kind; then <paramref name="environment"/>, which may override them.
    /// </summary>
    public static Dictionary<string, string?> ScriptEnvironment(string hostDirectory, string kind, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["SPECCAKE_HOST_DIR"] = hostDirectory,
            ["SPECCAKE_HOST_OBJ_DIR"] = IntermediateDirectory,
            ["SPECCAKE_HOST_BUILD"] = kind,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>build.sh with this host folder and kind.</summary>
    public static ProcessRun BuildSh(string hostDirectory, string kind, string[] args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null) =>
        ProcessRun.Start(
            "bash",
            [Path.Combine(RepositoryRoot.Path, "build.sh"), .. args],
            workingDirectory ?? RepositoryRoot.Path,
            ScriptEnvironment(hostDirectory, kind, environment),
            TimeSpan.FromMinutes(15));

    /// <summary>
    /// Held by whatever builds in the hosts' folders (build.sh's first run of each kind, build.ps1 here,
    /// pack.sh, the solution pack, all in <see cref="IntermediateDirectory"/>): one at a time, across the
    /// test projects. Taken after an entry's own lock, never before, so no two holders wait on each other.
    /// </summary>
    public static IDisposable LockFolders() => BuildCache.Lock("host-folders");

    /// <summary>
    /// Runs something that may build into the host's folder (build.ps1): until it has ended without
    /// a failed build, the entry does not count as complete, so a broken folder is built afresh next time.
    /// It holds the entry's own lock meanwhile: another test project that asks for this host then
    /// waits for the rewrite instead of taking the missing marker for a half-made entry, deleting it
    /// and building the host again (seen in CI: a native build of 100 s in the middle of the tests).
    /// </summary>
    public ProcessRun Rewrite(Func<ProcessRun> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var entry = BuildCache.Lock(EntryName(Kind));
        using var building = LockFolders();
        var complete = Path.Combine(Entry, ".complete");
        var made = File.ReadAllText(complete);
        File.Delete(complete);
        var result = run();
        if (!result.Error.Contains("building the build host failed", StringComparison.Ordinal))
        {
            File.WriteAllText(complete, made);
        }

        return result;
    }

    /// <summary>The build cache's name for the host of <paramref name="kind"/> (its entry and that entry's lock).</summary>
    public static string EntryName(string kind) => "host-" + kind;

    private static HostBuild Make(string kind)
    {
        var entry = BuildCache.Entry(EntryName(kind), folder =>
        {
            if (CiFirstRun(kind) is { } ci)
            {
                File.WriteAllText(Path.Combine(folder, "host-directory"), DefaultHostDirectory);
                File.WriteAllText(Path.Combine(folder, "first-run.json"), JsonSerializer.Serialize(ci));
                return;
            }

            // Where this machine builds native, the ReadyToRun host comes after pack.sh's feed, which
            // comes after the native host: the native code (2 minutes), the feed and the Cake runner's
            // tests that wait for it are the longest chain of the run, and every build here is in one
            // folder, one at a time. Built first, the ReadyToRun host held that chain up by its own build
            // (a fresh `dotnet test`: 364 s that way).
            if (kind == "readytorun" && MachineKind == "native")
            {
                _ = PackedFeed.Get();
            }

            ProcessRun first;
            using (LockFolders())
            {
                first = BuildSh(Path.Combine(folder, "host"), kind, ["--version"]);
            }

            if (first.ExitCode != 0)
            {
                throw new InvalidOperationException($"build.sh could not build the {kind} host: {first}");
            }

            File.WriteAllText(Path.Combine(folder, "first-run.json"), JsonSerializer.Serialize(first));
        });
        var pointer = Path.Combine(entry, "host-directory");
        return new HostBuild(
            kind,
            entry,
            File.Exists(pointer) ? File.ReadAllText(pointer) : Path.Combine(entry, "host"),
            JsonSerializer.Deserialize<ProcessRun>(File.ReadAllText(Path.Combine(entry, "first-run.json")))!);
    }

    /// <summary>
    /// .ci/run's recorded first run, when it built the host of <paramref name="kind"/> now in
    /// .artifacts/host and no source changed since; null otherwise.
    /// </summary>
    private static ProcessRun? CiFirstRun(string kind)
    {
        var record = CiFirstRunDirectory;
        var stamp = Path.Combine(DefaultHostDirectory, ".sources");
        if (!File.Exists(Path.Combine(record, "exit")) || !File.Exists(Path.Combine(record, "stamp")) || !File.Exists(stamp))
        {
            return null;
        }

        var built = File.ReadAllText(stamp);
        var current = built == File.ReadAllText(Path.Combine(record, "stamp"))
            && built.StartsWith(kind + " ", StringComparison.Ordinal)
            && File.GetLastWriteTimeUtc(stamp) >= BuildCache.NewestSourceWriteUtc;
        return current && int.TryParse(File.ReadAllText(Path.Combine(record, "exit")).Trim(), out var exit) && exit == 0
            ? new ProcessRun(exit, File.ReadAllText(Path.Combine(record, "stdout")), File.ReadAllText(Path.Combine(record, "stderr")), TimeSpan.Zero)
            : null;
    }
}
