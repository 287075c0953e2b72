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
        if [ -n "${FAKE_DOTNET_SAVES:-}" ]; then echo "// saved during the build" >> "$FAKE_DOTNET_SAVES"; fi
        out=""
        while [ $# -gt 0 ]; do if [ "$1" = "-o" ]; then out="$2"; fi; shift; done
        mkdir -p "$out"
        printf '#!/usr/bin/env bash\nfor a in "$@"; do echo "arg[$a]"; done\nexit 7\n' > "$out/SpecCake.Tool"
        chmod +x "$out/SpecCake.Tool"
        """;

    private readonly TempFolder _folder = new("stamp");
    private readonly string _root;
    private readonly string _log;
    private readonly string _fakeBin;
    private bool _toolsRestored;

    public BuildShStampTests()
    {
        _root = _folder.Path;
        Directory.CreateDirectory(Path.Combine(_root, "build"));
        Directory.CreateDirectory(Path.Combine(_root, "src", "Lib", "obj"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "build.sh"), Path.Combine(_root, "build.sh"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "build.ps1"), Path.Combine(_root, "build.ps1"));
        Directory.CreateDirectory(Path.Combine(_root, ".config"));
        File.Copy(Path.Combine(RepositoryRoot.Path, ".config", "dotnet-tools.json"), Path.Combine(_root, ".config", "dotnet-tools.json"));
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
        Assert.False(File.Exists(Path.Combine(_root, ".artifacts", "host", ".sources")));
    }

    [Fact]
    public void BuildSh_NothingChanged_StartsOnlyOneFindBeforeTheHost()
    {
        // The warm path's cost is its processes (one find, stopped at the first change), not a hash of every file.
        var started = Path.Combine(_root, "started.log");
        var environment = LoggedPrograms(started);
        Run(environment);
        File.Delete(started);

        var warm = Run(new Dictionary<string, string?>(environment), "--tree");

        Assert.Contains("arg[--tree]", warm.Output);
        Assert.Equal(1, Publishes);
        Assert.Equal(["find"], File.ReadAllLines(started));
    }

    [Fact]
    public void BuildSh_FileAddedKeepingAnOldTime_Publishes()
    {
        // A copy that keeps its time (cp -p, an archive) is older than the stamp; its folder is not.
        Run();
        var added = Path.Combine(_root, "src", "Lib", "Old.cs");
        File.WriteAllText(added, "class Old {}");
        File.SetLastWriteTimeUtc(added, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Run();

        Assert.Equal(2, Publishes);
    }

    [Fact]
    public void BuildSh_BinAndObjFoldersMadeInASourceFolder_DoesNotPublishAndTheNextCallIsOneFindAgain()
    {
        // A first `dotnet build` or `dotnet test` gives src/Lib a bin/ (its folder's time changes); a
        // temporary file that came and went does the same. No source changed.
        var started = Path.Combine(_root, "started.log");
        var environment = LoggedPrograms(started);
        Run(environment);
        Directory.CreateDirectory(Path.Combine(_root, "src", "Lib", "bin", "Debug"));
        Directory.CreateDirectory(Path.Combine(_root, "build", "obj"));
        File.WriteAllText(Path.Combine(_root, "src", "Lib", "Code.cs~"), "backup");
        File.Delete(Path.Combine(_root, "src", "Lib", "Code.cs~"));
        Run(new Dictionary<string, string?>(environment));
        File.Delete(started);

        var warm = Run(new Dictionary<string, string?>(environment), "--tree");

        Assert.Equal(1, Publishes);
        Assert.Contains("arg[--tree]", warm.Output);
        Assert.Equal(["find"], File.ReadAllLines(started));
    }

    [Fact]
    public void BuildSh_FileDeletedFromASubfolder_Publishes()
    {
        Run();
        File.Delete(Path.Combine(_root, "src", "Lib", "Code.cs"));
        Run();

        Assert.Equal(2, Publishes);
    }

    [Fact]
    public void BuildSh_SharedBuildSettingsRemoved_Publishes()
    {
        Run();
        File.Delete(Path.Combine(_root, "Directory.Build.props"));
        Run();

        Assert.Equal(2, Publishes);
    }

    [Fact]
    public void BuildSh_SourceSavedWhileTheHostBuilds_PublishesAgainNextRun()
    {
        Run(new Dictionary<string, string?> { ["FAKE_DOTNET_SAVES"] = Path.Combine(_root, "src", "Lib", "Code.cs") });
        Run();
        Run();

        Assert.Equal(2, Publishes);
    }

    [Fact]
    public void BuildPs1_AfterBuildSh_SharesItsStampAndDoesNotPublishAgain()
    {
        Run(new Dictionary<string, string?> { ["SPECCAKE_HOST_BUILD"] = "readytorun" });

        var ps1 = RunPs1(new Dictionary<string, string?> { ["SPECCAKE_HOST_BUILD"] = "readytorun" }, "--tree");

        Assert.Contains("arg[--tree]", ps1.Output);
        Assert.Equal(1, Publishes);
        Assert.DoesNotContain("building the build host", ps1.Error);
    }

    [Fact]
    public void BuildPs1_SourceEditedAddedWithAnOldTimeOrRemoved_PublishesEachTimeAndNotOtherwise()
    {
        var environment = new Dictionary<string, string?> { ["SPECCAKE_HOST_BUILD"] = "readytorun" };
        RunPs1(environment);
        RunPs1(environment);
        Assert.Equal(1, Publishes);

        File.WriteAllText(Path.Combine(_root, "src", "Lib", "Code.cs"), "class A { int x; }");
        RunPs1(environment);
        var added = Path.Combine(_root, "build", "Old.cs");
        File.WriteAllText(added, "class Old {}");
        File.SetLastWriteTimeUtc(added, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        RunPs1(environment);
        File.Delete(added);
        RunPs1(environment);
        File.WriteAllText(Path.Combine(_root, "src", "Lib", "obj", "project.assets.json"), "{}");
        Directory.CreateDirectory(Path.Combine(_root, "build", "bin"));
        var last = RunPs1(environment, "--tree");

        Assert.Equal(4, Publishes);
        Assert.Contains("arg[--tree]", last.Output);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A PATH on which every program build.sh may start is a wrapper that records its name in <paramref name="log"/>.</summary>
    private Dictionary<string, string?> LoggedPrograms(string log)
    {
        var programs = Path.Combine(_root, "logged-bin");
        Directory.CreateDirectory(programs);
        foreach (var program in new[] { "find", "cksum", "stat", "sort", "mktemp", "cat", "rm", "mv", "readlink", "mkdir", "chmod", "touch", "date", "uname", "dirname", "basename" })
        {
            var target = new[] { "/usr/bin", "/bin" }.Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
            if (target is not null && !File.Exists(Path.Combine(programs, program)))
            {
                Executable(Path.Combine(programs, program), $"#!/bin/sh\necho {program} >> \"{log}\"\nexec {target} \"$@\"\n");
            }
        }

        if (!File.Exists(Path.Combine(programs, "bash")))
        {
            File.CreateSymbolicLink(Path.Combine(programs, "bash"), new[] { "/usr/bin/bash", "/bin/bash" }.First(File.Exists));
        }

        return new Dictionary<string, string?> { ["PATH"] = _fakeBin + Path.PathSeparator + programs };
    }

    /// <summary>A stand-in compiler in the fake bin folder, so build.sh sees that toolchain.</summary>
    private void FakeTool(string name) => Executable(Path.Combine(_fakeBin, name), "#!/usr/bin/env bash\nexit 0\n");

    private static void Executable(string path, string script)
    {
        File.WriteAllText(path, script);
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
        foreach (var program in new[] { "bash", "env", "find", "sort", "mktemp", "cat", "rm", "mv", "readlink", "mkdir", "chmod" })
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

    /// <summary>build.ps1 through PowerShell (the local tool, started by the real dotnet), with the fake dotnet first on PATH.</summary>
    private ProcessRun RunPs1(Dictionary<string, string?> environment, params string[] args)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var dotnet = path.Split(Path.PathSeparator).Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet")).First(File.Exists);
        environment["PATH"] = _fakeBin + Path.PathSeparator + path;
        environment["FAKE_DOTNET_LOG"] = _log;
        environment["SPECCAKE_HOST_DIR"] = null;
        if (!_toolsRestored)
        {
            var restore = ProcessRun.Start(dotnet, ["tool", "restore"], _root, timeout: TimeSpan.FromMinutes(5));
            Assert.True(restore.ExitCode == 0, restore.ToString());
            _toolsRestored = true;
        }

        var run = ProcessRun.Start(dotnet, ["pwsh", "-NoLogo", "-NoProfile", "-File", Path.Combine(_root, "build.ps1"), .. args], _root, environment, TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 7, run.ToString());
        return run;
    }

    private ProcessRun Run(Dictionary<string, string?> environment, params string[] args)
    {
        environment.TryAdd("PATH", _fakeBin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));
        environment["FAKE_DOTNET_LOG"] = _log;
        environment["SPECCAKE_HOST_DIR"] = null;
        environment.TryAdd("SPECCAKE_HOST_BUILD", null);
        return ProcessRun.Start("bash", [Path.Combine(_root, "build.sh"), .. args], _root, environment);
    }
}
