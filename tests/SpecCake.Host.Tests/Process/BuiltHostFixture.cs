namespace SpecCake.Host.Tests.Process;

/// <summary>
/// Builds this repository's host once per test run through <c>build.sh</c>, into a fresh folder
/// (so the first run is a true first run), then starts it a second time (the warm path). One
/// subclass per kind of host build.sh makes: native (NativeAOT) and ReadyToRun.
/// </summary>
public abstract class BuiltHostFixture : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "speccake-host-" + Guid.NewGuid().ToString("N"));

    protected BuiltHostFixture(string kind)
    {
        Kind = kind;
        HostDirectory = Path.Combine(_root, "host");
        FirstRun = BuildSh("--version");
        SecondRun = BuildSh("--version");
    }

    /// <summary><c>native</c> or <c>readytorun</c> (build.sh's SPECCAKE_HOST_BUILD).</summary>
    public string Kind { get; }

    public string HostDirectory { get; }

    public ProcessRun FirstRun { get; }

    public ProcessRun SecondRun { get; }

    /// <summary>What <c>dotnet publish</c> printed when build.sh built the host.</summary>
    public string PublishLog => File.ReadAllText(Path.Combine(HostDirectory, ".publish.log"));

    public ProcessRun BuildSh(params string[] args) => BuildSh(args, null);

    public ProcessRun BuildSh(string[] args, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory = null)
    {
        var variables = new Dictionary<string, string?> { ["SPECCAKE_HOST_DIR"] = HostDirectory, ["SPECCAKE_HOST_BUILD"] = Kind };
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

    public ProcessRun BuildPs1(params string[] args) => ProcessRun.Start(
        "dotnet",
        ["pwsh", "-NoLogo", "-NoProfile", "-File", Path.Combine(RepositoryRoot.Path, "build.ps1"), .. args],
        RepositoryRoot.Path,
        new Dictionary<string, string?> { ["SPECCAKE_HOST_DIR"] = HostDirectory, ["SPECCAKE_HOST_BUILD"] = Kind },
        TimeSpan.FromMinutes(15));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }

        GC.SuppressFinalize(this);
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
