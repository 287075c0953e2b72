using System.Collections.Concurrent;
using System.Text.Json;

namespace SpecCake.Host.Tests.Process;

/// <summary>
/// This repository's host of one kind, as build.sh builds it: its folder and build.sh's first run
/// (shared, see <see cref="HostBuild"/>), then build.sh started a second time here (the warm path).
/// One subclass per kind of host build.sh makes: native (NativeAOT) and ReadyToRun.
/// </summary>
public abstract class BuiltHostFixture
{
    protected BuiltHostFixture(string kind)
    {
        Kind = kind;
        Build = HostBuild.Of(kind);
        HostDirectory = Build.HostDirectory;
        FirstRun = Build.FirstRun;
        SecondRun = BuildSh("--version");
    }

    /// <summary><c>native</c> or <c>readytorun</c> (build.sh's SPECCAKE_HOST_BUILD).</summary>
    public string Kind { get; }

    /// <summary>The host's folder (build.sh's SPECCAKE_HOST_DIR), shared by every test of this kind.</summary>
    public string HostDirectory { get; }

    /// <summary>build.sh's true first run, <c>./build.sh --version</c> into an empty folder: it built this host.</summary>
    public ProcessRun FirstRun { get; }

    /// <summary>build.sh's run after it, with the same arguments, when this fixture was made.</summary>
    public ProcessRun SecondRun { get; }

    /// <summary>The shared build this fixture uses.</summary>
    public HostBuild Build { get; }

    /// <summary>What <c>dotnet publish</c> printed when build.sh built the host.</summary>
    public string PublishLog => File.ReadAllText(Path.Combine(HostDirectory, ".publish.log"));

    public ProcessRun BuildSh(params string[] args) => BuildSh(args, null);

    public ProcessRun BuildSh(string[] args, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory = null) =>
        HostBuild.BuildSh(HostDirectory, Kind, args, environment, workingDirectory);

    public ProcessRun BuildPs1(params string[] args) => BuildPs1(args, null);

    /// <summary>
    /// build.ps1 on this host's folder. It reads and writes build.sh's stamp, so it starts the host
    /// build.sh made; after <see cref="ForgetStamp"/> it builds once more, into the same folders as
    /// build.sh, so MSBuild finds every step up to date and only restores and copies.
    /// </summary>
    public ProcessRun BuildPs1(string[] args, IReadOnlyDictionary<string, string?>? environment)
    {
        var variables = new Dictionary<string, string?> { ["SPECCAKE_HOST_DIR"] = HostDirectory, ["SPECCAKE_HOST_BUILD"] = Kind };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return Build.Rewrite(() => ProcessRun.Start(
            "dotnet",
            ["pwsh", "-NoLogo", "-NoProfile", "-File", Path.Combine(RepositoryRoot.Path, "build.ps1"), .. args],
            RepositoryRoot.Path,
            variables,
            TimeSpan.FromMinutes(15)));
    }

    /// <summary>Forgets the stamp build.sh and build.ps1 share, so the next run of either here builds.</summary>
    public void ForgetStamp() => File.Delete(Path.Combine(HostDirectory, ".sources"));
}

/// <summary>
/// The host of one kind, built once per test run, or not at all while the sources are unchanged
/// (<see cref="BuildCache"/>): build.sh's true first run, <c>./build.sh --version</c> into an empty
/// folder, is recorded with it. Where <c>.ci/run</c> has just built the machine's own kind into
/// <c>.artifacts/host</c> (its first step, a fresh clone's first <c>./build.sh --version</c>, recorded in
/// <c>.artifacts/ci/build-sh-first-run</c>), that host and that first run are used, not built again.
/// </summary>
public sealed record HostBuild(string Entry, string HostDirectory, ProcessRun FirstRun)
{
    private static readonly ConcurrentDictionary<string, Lazy<HostBuild>> Builds = new();

    /// <summary>build.sh's own host folder (no SPECCAKE_HOST_DIR).</summary>
    public static string DefaultHostDirectory => Path.Combine(RepositoryRoot.Path, ".artifacts", "host");

    /// <summary>Where <c>.ci/run</c> keeps what its first <c>./build.sh --version</c> printed: stdout, stderr, exit, and the stamp it left.</summary>
    public static string CiFirstRunDirectory => Path.Combine(RepositoryRoot.Path, ".artifacts", "ci", "build-sh-first-run");

    /// <summary>The host of <paramref name="kind"/> for these sources.</summary>
    public static HostBuild Of(string kind) => Builds.GetOrAdd(kind, k => new Lazy<HostBuild>(() => Make(k))).Value;

    /// <summary>build.sh with this host folder and kind.</summary>
    public static ProcessRun BuildSh(string hostDirectory, string kind, string[] args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var variables = new Dictionary<string, string?> { ["SPECCAKE_HOST_DIR"] = hostDirectory, ["SPECCAKE_HOST_BUILD"] = kind };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return ProcessRun.Start(
            "bash",
            [Path.Combine(RepositoryRoot.Path, "build.sh"), .. args],
            workingDirectory ?? RepositoryRoot.Path,
            variables,
            TimeSpan.FromMinutes(15));
    }

    /// <summary>
    /// Runs something that may build into the host's folder (build.ps1): until it has ended without
    /// a failed build, the entry does not count as complete, so a broken folder is built afresh next time.
    /// </summary>
    public ProcessRun Rewrite(Func<ProcessRun> run)
    {
        ArgumentNullException.ThrowIfNull(run);
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

    private static HostBuild Make(string kind)
    {
        var entry = BuildCache.Entry("host-" + kind, folder =>
        {
            if (CiFirstRun(kind) is { } ci)
            {
                File.WriteAllText(Path.Combine(folder, "host-directory"), DefaultHostDirectory);
                File.WriteAllText(Path.Combine(folder, "first-run.json"), JsonSerializer.Serialize(ci));
                return;
            }

            var first = BuildSh(Path.Combine(folder, "host"), kind, ["--version"]);
            if (first.ExitCode != 0)
            {
                throw new InvalidOperationException($"build.sh could not build the {kind} host: {first}");
            }

            File.WriteAllText(Path.Combine(folder, "first-run.json"), JsonSerializer.Serialize(first));
        });
        var pointer = Path.Combine(entry, "host-directory");
        return new HostBuild(
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

/// <summary>
/// The NativeAOT host (what build.sh builds where a C toolchain is installed). On a machine without
/// one (the .NET SDK alone) it is the ReadyToRun host build.sh falls back to, so every test of this
/// collection still runs the host; only the tests about the native build itself are skipped.
/// </summary>
public sealed class NativeHostFixture() : BuiltHostFixture(MachineKind())
{
    private static string MachineKind() => MachineHost.BuildsNative ? "native" : "readytorun";
}

/// <summary>The ReadyToRun host (build.sh's fallback without a C toolchain).</summary>
public sealed class ReadyToRunHostFixture() : BuiltHostFixture("readytorun");

/// <summary>Every test class that runs the native host shares one build of it.</summary>
[CollectionDefinition(Name)]
public sealed class NativeHostCollection : ICollectionFixture<NativeHostFixture>
{
    public const string Name = "native host";
}

/// <summary>What build.sh builds on this machine when not told (build/host-kind.sh decides).</summary>
public static class MachineHost
{
    private static readonly Lazy<bool> Native = new(() =>
    {
        var run = ProcessRun.Start(
            "bash",
            ["-c", "source build/host-kind.sh && echo \"$kind\""],
            RepositoryRoot.Path,
            new Dictionary<string, string?> { ["SPECCAKE_HOST_BUILD"] = null },
            TimeSpan.FromSeconds(30));
        return !(run.ExitCode == 0 && run.Output.Trim() == "readytorun");
    });

    /// <summary>Whether this machine builds the native host (a C toolchain and a known RID).</summary>
    public static bool BuildsNative => Native.Value;

    /// <summary>Skips a test about native builds where the machine cannot make one.</summary>
    public static void SkipUnlessNative() =>
        Skip.IfNot(BuildsNative, "no C toolchain (clang or gcc) here, so build.sh and pack.sh build ReadyToRun and framework-dependent only; install clang or gcc for the native host");
}
