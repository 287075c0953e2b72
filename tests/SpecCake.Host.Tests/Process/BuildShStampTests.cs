namespace SpecCake.Host.Tests.Process;

/// <summary>
/// build.sh's decision to rebuild, checked in a scratch copy with a stand-in <c>dotnet</c> on PATH
/// that records each publish and "publishes" a host script echoing its arguments.
/// </summary>
public sealed class BuildShStampTests : IDisposable
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        echo "dotnet $*" >> "$FAKE_DOTNET_LOG"
        if [ -n "${FAKE_DOTNET_FAIL:-}" ]; then echo "error CS1002: ; expected" ; exit 1; fi
        out=""
        while [ $# -gt 0 ]; do if [ "$1" = "-o" ]; then out="$2"; fi; shift; done
        mkdir -p "$out"
        printf '#!/usr/bin/env bash\nfor a in "$@"; do echo "arg[$a]"; done\nexit 7\n' > "$out/SpecCake.Tool"
        chmod +x "$out/SpecCake.Tool"
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "speccake-stamp-" + Guid.NewGuid().ToString("N"));
    private readonly string _log;
    private readonly string _fakeBin;

    public BuildShStampTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "build"));
        Directory.CreateDirectory(Path.Combine(_root, "src", "Lib", "obj"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "build.sh"), Path.Combine(_root, "build.sh"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "build", "host-kind.sh"), Path.Combine(_root, "build", "host-kind.sh"));
        File.WriteAllText(Path.Combine(_root, "build", "Build.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(_root, "src", "Lib", "Code.cs"), "class A {}");
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project />");

        _fakeBin = Path.Combine(_root, "fake-bin");
        Directory.CreateDirectory(_fakeBin);
        var dotnet = Path.Combine(_fakeBin, "dotnet");
        File.WriteAllText(dotnet, FakeDotnet.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        _log = Path.Combine(_root, "dotnet.log");
    }

    private int Publishes => File.Exists(_log) ? File.ReadAllLines(_log).Count(line => line.StartsWith("dotnet publish", StringComparison.Ordinal)) : 0;

    [Fact]
    public void BuildSh_FirstRunWithClang_PublishesNativeAndRunsHost()
    {
        FakeTool("clang");

        var run = Run("--target=Deploy");

        Assert.Equal(1, Publishes);
        var publish = File.ReadAllText(_log);
        Assert.Contains("-r linux-x64", publish);
        Assert.DoesNotContain("PublishAot=false", publish);
        Assert.DoesNotContain("CppCompilerAndLinker", publish);
        Assert.Contains(Path.Combine(_root, "build", "Build.csproj"), publish);
        Assert.Contains("building the build host (native;", run.Error);
        Assert.Contains("arg[--target=Deploy]", run.Output);
    }

    [Fact]
    public void BuildSh_OnlyGcc_PublishesNativeWithGcc()
    {
        var run = Run(WithoutToolchain(), "--version");
        FakeTool("gcc");
        File.Delete(_log);

        Run(WithoutToolchain(), "--version");

        Assert.Contains("building the build host (readytorun;", run.Error);
        var publish = File.ReadAllText(_log);
        Assert.Contains("-p:CppCompilerAndLinker=gcc", publish);
        Assert.DoesNotContain("PublishAot=false", publish);
    }

    [Fact]
    public void BuildSh_NoCToolchain_FallsBackToReadyToRun()
    {
        var run = Run(WithoutToolchain(), "--tree");

        Assert.Equal(1, Publishes);
        var publish = File.ReadAllText(_log);
        Assert.Contains("-p:PublishAot=false", publish);
        Assert.Contains("-p:PublishReadyToRun=true", publish);
        Assert.Contains("building the build host (readytorun;", run.Error);
        Assert.Contains("arg[--tree]", run.Output);
    }

    [Fact]
    public void BuildSh_HostBuildKindChanged_PublishesAgain()
    {
        Run(new Dictionary<string, string?> { ["SPECCAKE_HOST_BUILD"] = "native" });
        Run(new Dictionary<string, string?> { ["SPECCAKE_HOST_BUILD"] = "readytorun" });
        Run(new Dictionary<string, string?> { ["SPECCAKE_HOST_BUILD"] = "readytorun" });

        Assert.Equal(2, Publishes);
        Assert.Contains("-p:PublishReadyToRun=true", File.ReadAllLines(_log)[1]);
    }

    [Fact]
    public void BuildSh_NothingChanged_DoesNotPublishAgain()
    {
        Run();
        var second = Run("--tree");

        Assert.Equal(1, Publishes);
        Assert.DoesNotContain("building the build host", second.Error);
        Assert.Contains("arg[--tree]", second.Output);
    }

    [Fact]
    public void BuildSh_SourceEdited_Publishes()
    {
        Run();
        File.WriteAllText(Path.Combine(_root, "src", "Lib", "Code.cs"), "class A { int x; }");
        Run();

        Assert.Equal(2, Publishes);
    }

    [Fact]
    public void BuildSh_SourceAddedThenDeleted_PublishesEachTime()
    {
        Run();
        var added = Path.Combine(_root, "build", "Tasks", "NewTask.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(added)!);
        File.WriteAllText(added, "class T {}");
        Run();
        File.Delete(added);
        Run();

        Assert.Equal(3, Publishes);
    }

    [Fact]
    public void BuildSh_SharedBuildSettingsEdited_Publishes()
    {
        Run();
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project><PropertyGroup /></Project>");
        Run();

        Assert.Equal(2, Publishes);
    }

    [Fact]
    public void BuildSh_OnlyObjChanged_DoesNotPublish()
    {
        Run();
        File.WriteAllText(Path.Combine(_root, "src", "Lib", "obj", "project.assets.json"), "{}");
        Run();

        Assert.Equal(1, Publishes);
    }

    [Fact]
    public void BuildSh_Arguments_PassThroughUnchangedWithExitCode()
    {
        var run = Run("--error=build failed: exit 2", "--spec", "FEAT-0001", "-t", "NotifySpecEvent");

        Assert.Equal(7, run.ExitCode);
        Assert.Equal(
            ["arg[--error=build failed: exit 2]", "arg[--spec]", "arg[FEAT-0001]", "arg[-t]", "arg[NotifySpecEvent]"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void BuildSh_BuildFails_ShowsBuildOutputAndExitsNonZero()
    {
        var run = Run(new Dictionary<string, string?> { ["FAKE_DOTNET_FAIL"] = "1" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error CS1002: ; expected", run.Error);
        Assert.Contains("build.sh: building the build host failed", run.Error);
        Assert.False(File.Exists(Path.Combine(_root, ".artifacts", "host", ".sources-sh")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A stand-in compiler in the fake bin folder, so build.sh sees that toolchain.</summary>
    private void FakeTool(string name)
    {
        var path = Path.Combine(_fakeBin, name);
        File.WriteAllText(path, "#!/usr/bin/env bash\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// A PATH with the fake bin folder and only the programs build.sh and the fake dotnet use, so the
    /// machine's own clang or gcc stays out of sight.
    /// </summary>
    private Dictionary<string, string?> WithoutToolchain()
    {
        var tools = Path.Combine(_root, "tools-bin");
        Directory.CreateDirectory(tools);
        foreach (var program in new[] { "bash", "env", "find", "cksum", "mktemp", "cat", "rm", "mv", "readlink", "mkdir", "chmod" })
        {
            var link = Path.Combine(tools, program);
            var target = new[] { "/usr/bin", "/bin" }.Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
            if (target is not null && !File.Exists(link))
            {
                File.CreateSymbolicLink(link, target);
            }
        }

        return new Dictionary<string, string?> { ["PATH"] = _fakeBin + Path.PathSeparator + tools };
    }

    private ProcessRun Run(params string[] args) => Run(new Dictionary<string, string?>(), args);

    private ProcessRun Run(Dictionary<string, string?> environment, params string[] args)
    {
        environment.TryAdd("PATH", _fakeBin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));
        environment["FAKE_DOTNET_LOG"] = _log;
        environment["SPECCAKE_HOST_DIR"] = null;
        environment.TryAdd("SPECCAKE_HOST_BUILD", null);
        return ProcessRun.Start("bash", [Path.Combine(_root, "build.sh"), .. args], _root, environment);
    }
}
