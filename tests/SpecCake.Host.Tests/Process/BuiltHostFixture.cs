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
        return Build.Rewrite(() => ProcessRun.Start(
            "dotnet",
            ["pwsh", "-NoLogo", "-NoProfile", "-File", Path.Combine(RepositoryRoot.Path, "build.ps1"), .. args],
            RepositoryRoot.Path,
            HostBuild.ScriptEnvironment(HostDirectory, Kind, environment),
            TimeSpan.FromMinutes(15)));
    }

    /// <summary>Forgets the stamp build.sh and build.ps1 share, so the next run of either here builds.</summary>
    public void ForgetStamp() => File.Delete(Path.Combine(HostDirectory, ".sources"));
}

/// <summary>
/// The NativeAOT host (what build.sh builds where a C toolchain is installed). On a machine without
/// one (the .NET SDK alone) it is the ReadyToRun host build.sh falls back to, so every test of this
/// collection still runs the host; only the tests about the native build itself are skipped.
/// </summary>
public sealed class NativeHostFixture() : BuiltHostFixture(HostBuild.MachineKind);

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
    /// <summary>Whether this machine builds the native host (a C toolchain and a known RID).</summary>
    public static bool BuildsNative => HostBuild.MachineKind == "native";

    /// <summary>Skips a test about native builds where the machine cannot make one.</summary>
    public static void SkipUnlessNative() =>
        Skip.IfNot(BuildsNative, "no C toolchain (clang or gcc) here, so build.sh and pack.sh build ReadyToRun and framework-dependent only; install clang or gcc for the native host");
}
