namespace SpecCake.Host.Tests.Process;

/// <summary>The native host through build.sh.</summary>
[Collection(NativeHostCollection.Name)]
public sealed class NativeBuildShTests(NativeHostFixture host) : BuildShTests(host)
{
    [SkippableFact]
    public void BuildSh_NativeHost_IsANativeExecutableWithoutManagedAssemblies()
    {
        MachineHost.SkipUnlessNative();
        var executable = Path.Combine(Host.HostDirectory, "SpecCake.Tool");

        Assert.Contains("building the build host (native;", Host.FirstRun.Error);
        Assert.False(File.Exists(Path.Combine(Host.HostDirectory, "SpecCake.Tool.dll")));
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(executable)[..4]);
    }
}

/// <summary>
/// build.ps1's own native build (PowerShell through the local tool), in the native host's folder. Not in
/// the native host's collection: it needs the ReadyToRun host too, so it runs last (BuildReadinessOrder).
/// </summary>
public sealed class NativeBuildPs1Tests(NativeHostFixture host) : IClassFixture<NativeHostFixture>
{
    [SkippableFact]
    public void BuildPs1_NativeHost_BuildsTheNativeExecutableAndRunsIt()
    {
        MachineHost.SkipUnlessNative();
        var restore = ProcessRun.Start("dotnet", ["tool", "restore"], RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(5));
        Assert.True(restore.ExitCode == 0, restore.All);
        // The ReadyToRun host is published in the same intermediate folder first (HostBuild), as when a
        // user goes back to native after a ReadyToRun build: each kind of the host project has a folder
        // of its own there (Directory.Build.props), so the native code stays up to date. Before, the
        // ReadyToRun build rewrote the restore the native build reads, and the native code was compiled
        // again (90 s).
        _ = HostBuild.Of("readytorun");
        var nativeCode = Directory.EnumerateFiles(Path.Combine(HostBuild.IntermediateDirectory, "obj", "Build.native"), "SpecCake.Tool.o", SearchOption.AllDirectories).Single();
        var compiled = File.GetLastWriteTimeUtc(nativeCode);
        // build.ps1's first run in this folder: it builds (with its own publish command), and MSBuild
        // finds build.sh's compilation up to date instead of compiling the native code a second time.
        host.ForgetStamp();

        var run = host.BuildPs1(["--target=ValidateSpecs"], new Dictionary<string, string?> { ["SPECCAKE_HOST_BUILD"] = null });

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(compiled, File.GetLastWriteTimeUtc(nativeCode));
        Assert.Contains("build.ps1: building the build host (native;", run.Error);
        Assert.Contains("are valid", run.Output);
        Assert.False(File.Exists(Path.Combine(host.HostDirectory, "SpecCake.Tool.dll")));
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(Path.Combine(host.HostDirectory, "SpecCake.Tool"))[..4]);
    }
}

/// <summary>The ReadyToRun host (no C toolchain) through build.sh.</summary>
public sealed class ReadyToRunBuildShTests(ReadyToRunHostFixture host) : BuildShTests(host), IClassFixture<ReadyToRunHostFixture>
{
    [Fact]
    public void BuildSh_ReadyToRunHost_RunsOnTheDotnetRuntime()
    {
        Assert.Contains("building the build host (readytorun;", Host.FirstRun.Error);
        Assert.True(File.Exists(Path.Combine(Host.HostDirectory, "SpecCake.Tool.dll")));
    }

    // build/Build.csproj: what a run loads is precompiled; what no run loads (Cake's NuGet modules
    // and their dependencies, BouncyCastle) stays IL, so the build does not spend 22 CPU s on it.
    [Fact]
    public void BuildSh_ReadyToRunHost_PrecompilesWhatARunLoadsAndNotTheUnusedAssemblies()
    {
        string[] loaded = ["SpecCake.Tool", "SpecCake.Host", "SpecCake", "Cake.Core", "Cake.Cli", "Spectre.Console", "YamlDotNet", "Polly.Core", "MailKit", "MimeKit", "Octokit"];
        string[] unused = ["BouncyCastle.Cryptography", "NuGet.Protocol", "NuGet.Packaging", "Newtonsoft.Json", "Cake.NuGet", "Microsoft.IdentityModel.Tokens"];

        Assert.All(loaded, name => Assert.True(IsReadyToRun(name), $"{name}.dll is not precompiled"));
        Assert.All(unused, name => Assert.False(IsReadyToRun(name), $"{name}.dll is precompiled"));
    }

    private bool IsReadyToRun(string assembly)
    {
        using var file = File.OpenRead(Path.Combine(Host.HostDirectory, assembly + ".dll"));
        using var reader = new System.Reflection.PortableExecutable.PEReader(file);
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    // build.ps1 reads build.sh's stamp: the host build.sh made is started, not built again.
    [Fact]
    public void BuildPs1_ThroughPowerShellLocalTool_RunsHostAndPassesExitCode()
    {
        var restore = ProcessRun.Start("dotnet", ["tool", "restore"], RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(5));
        Assert.True(restore.ExitCode == 0, restore.All);

        var tree = Host.BuildPs1("--tree");
        Assert.True(tree.ExitCode == 0, tree.All);
        Assert.DoesNotContain("build.ps1: building the build host", tree.Error);
        Assert.Matches(@"Default\s*\n└─ValidateSpecs", tree.Output);

        var unknown = Host.BuildPs1("-t", "Deploy");
        Assert.Equal(1, unknown.ExitCode);
        Assert.DoesNotContain("build.ps1: building the build host", unknown.Error);
        Assert.Contains("The target 'Deploy' was not found.", unknown.Error);
    }
}

/// <summary>This repository's host (build/) through build.sh, as a user runs it: the same tests for each kind of host.</summary>
public abstract class BuildShTests(BuiltHostFixture host)
{
    private const string BuildingLine = "build.sh: building the build host";

    protected BuiltHostFixture Host => host;

    [Fact]
    public void BuildSh_FirstRun_BuildsHostAndRunsIt()
    {
        Assert.True(host.FirstRun.ExitCode == 0, host.FirstRun.All);
        Assert.Contains(BuildingLine, host.FirstRun.Error);
        Assert.Matches(@"^\d+\.\d+\.\d+", host.FirstRun.Output.Trim());
    }

    [Fact]
    public void BuildSh_SecondRun_StartsBuiltHostWithoutBuilding()
    {
        Assert.Equal(0, host.SecondRun.ExitCode);
        Assert.DoesNotContain(BuildingLine, host.SecondRun.Error);
        Assert.Equal(host.FirstRun.Output, host.SecondRun.Output);
    }

    [Fact]
    public void BuildSh_Tree_PrintsThisRepositorysTasks()
    {
        var run = host.BuildSh("--tree");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Default\s*\n└─ValidateSpecs", run.Output);
        foreach (var task in new[] { "NotifySpecEvent", "SyncTrackers", "TestIntegrations", "DetectSpecEvents", "ImplementSpec", "Init", "CheckIntegrations" })
        {
            Assert.Contains(task, run.Output);
        }
    }

    [Fact]
    public void BuildSh_Description_ListsTasksWithDescriptions()
    {
        var run = host.BuildSh("--description");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Default\s+Runs ValidateSpecs\.", run.Output);
        Assert.Matches(@"ValidateSpecs\s+Validates every spec file", run.Output);
        Assert.Matches(@"NotifySpecEvent\s+Sends a spec event", run.Output);
        Assert.Matches(@"SyncTrackers\s+Mirrors specs", run.Output);
        Assert.Matches(@"TestIntegrations\s+Sends a clearly marked test message", run.Output);
        Assert.Matches(@"ImplementSpec\s+Implements an approved spec", run.Output);
        Assert.Matches(@"DetectSpecEvents\s+Finds spec_created and spec_approved", run.Output);
    }

    [Fact]
    public void BuildSh_ImplementSpecWithoutSpec_FailsWithOnePlainLineNamingTheArgument()
    {
        var run = host.BuildSh("--target=ImplementSpec");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ImplementSpec needs --spec=<ID or path>, e.g. --spec=FEAT-0001.", run.Error);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public void BuildSh_UnknownTarget_ExitsNonZeroAndListsValidTargets()
    {
        var run = host.BuildSh("--target=Deploy");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            "The target 'Deploy' was not found. Valid targets: CheckIntegrations, Default, DetectSpecEvents, ImplementSpec, Init, NotifySpecEvent, SyncTrackers, TestIntegrations, ValidateSpecs.",
            run.Error);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Theory]
    [InlineData("--pr=abc")]
    [InlineData("--pr", "abc")]
    public void BuildSh_TaskArgument_ReachesTask(params string[] pr)
    {
        // The task reads --pr before calling the alias: a bad number is its own clear error.
        var run = host.BuildSh(["--target=NotifySpecEvent", "--event=pr_created", .. pr]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--pr must be a whole number, not 'abc'.", run.Error);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public void BuildSh_Help_NamesTheScript()
    {
        var run = host.BuildSh("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("./build.sh [OPTIONS]", run.Output);
    }

    [Fact]
    public void BuildSh_BadVerbosity_OneClearMessage()
    {
        var run = host.BuildSh("--verbosity=loud");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Failed to convert 'loud' to Verbosity.", run.Error);
        Assert.DoesNotContain("   at ", run.All);
    }
}
