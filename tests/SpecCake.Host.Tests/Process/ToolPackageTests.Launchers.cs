namespace SpecCake.Host.Tests.Process;

/// <summary>
/// The fast path of docs/use-in-your-repo.md in the repository the fixture installed the tool into:
/// the launchers (build/launchers/speccake.sh and .ps1) put there with the docs' commands, started
/// with a <c>dotnet</c> first on PATH that fails if anything calls it, so a pass means the restored
/// native executable ran without the muxer; the manifest's version is the one that runs.
/// </summary>
public sealed partial class ToolPackageTests
{
    private const string MuxerCalled = "dotnet-was-called";

    [SkippableFact]
    public void Launcher_DocsCommandsInTheRepository_RunTheRestoredNativeToolWithoutDotnet()
    {
        MachineHost.SkipUnlessNative();
        Tool.Write("specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]");
        Tool.Write("specs/features/FEAT-0001.yaml", ValidSpec);
        Tool.Write("specs/bugs/BUG-0001.yaml", SecondSpec);
        CopyLaunchersAsTheDocsSay();

        // The documented CI command of the validate workflow, as written there.
        var command = DocsWorkflowStep("# .github/workflows/specs-validate.yml", "--target=ValidateSpecs");
        var validate = Bash(command);
        var help = Bash("./speccake.sh --help");

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("2 spec file(s) and specs.config.yaml are valid.", validate.Output);
        Assert.DoesNotContain(MuxerCalled, validate.All, StringComparison.Ordinal);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("./speccake.sh", help.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Launcher_ManifestPinsAnotherVersion_ThatVersionIsWhatRuns()
    {
        MachineHost.SkipUnlessNative();
        CopyLaunchersAsTheDocsSay();
        const string Other = "9.9.9-launchertest";
        var executable = Path.Combine(Tool.PackagesFolder, "speccake.tool.linux-x64", Other, "tools", "any", "linux-x64", "SpecCake.Tool");
        Directory.CreateDirectory(Path.GetDirectoryName(executable)!);
        File.WriteAllText(executable, $"#!/bin/sh\necho \"{Other} ran: $*\"\n");
        MakeExecutable(executable);
        var manifest = new[] { "dotnet-tools.json", Path.Combine(".config", "dotnet-tools.json") }.Select(name => Path.Combine(Tool.Repository, name)).First(File.Exists);
        var pinned = File.ReadAllText(manifest);
        try
        {
            File.WriteAllText(manifest, pinned.Replace($"\"{Tool.Version}\"", $"\"{Other}\"", StringComparison.Ordinal));
            var other = Bash("./speccake.sh --target=ValidateSpecs");
            File.WriteAllText(manifest, pinned);
            var back = Bash("./speccake.sh --version");

            Assert.Equal($"{Other} ran: --target=ValidateSpecs", other.Output.Trim());
            Assert.Equal(Tool.Version, back.Output.Trim());
        }
        finally
        {
            File.WriteAllText(manifest, pinned);
            Directory.Delete(Path.Combine(Tool.PackagesFolder, "speccake.tool.linux-x64", Other), recursive: true);
        }
    }

    [SkippableFact]
    public void Launcher_VersionNotRestoredYet_RestoresItThenRunsIt()
    {
        MachineHost.SkipUnlessNative();
        CopyLaunchersAsTheDocsSay();
        // A fresh CI runner: nothing restored. The feed is where `dotnet tool restore` finds the package.
        var restored = Path.Combine(Tool.PackagesFolder, "speccake.tool.linux-x64", Tool.Version);
        Directory.Delete(restored, recursive: true);
        File.WriteAllText(
            Path.Combine(Tool.Repository, "nuget.config"),
            $"<configuration><packageSources><clear /><add key=\"feed\" value=\"{Tool.Feed}\" /></packageSources></configuration>");
        try
        {
            var run = ProcessRun.Start("bash", ["./speccake.sh", "--version"], Tool.Repository, Environment(), TimeSpan.FromMinutes(5));

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(Tool.Version, run.Output.Trim());
            Assert.Contains($"speccake.sh: SpecCake.Tool {Tool.Version} is not restored here yet; running dotnet tool restore", run.Error, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(restored, "tools", "any", "linux-x64", "SpecCake.Tool")));
            Assert.DoesNotContain(MuxerCalled, run.All, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(Path.Combine(Tool.Repository, "nuget.config"));
        }
    }

    [SkippableFact]
    public void LauncherPs1_InPowerShell_RunsTheRestoredNativeToolWithTheArgumentsAndExitCode()
    {
        MachineHost.SkipUnlessNative();
        CopyLaunchersAsTheDocsSay();
        var restore = ProcessRun.Start("dotnet", ["tool", "restore"], RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(5));
        Assert.True(restore.ExitCode == 0, restore.ToString());
        var dotnet = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "dotnet")).First(File.Exists);

        // PowerShell is SpecCake's own local tool; the script runs in the tool's repository.
        var version = ProcessRun.Start(dotnet, ["pwsh", "-NoLogo", "-NoProfile", "-File", Path.Combine(Tool.Repository, "speccake.ps1"), "--version"], RepositoryRoot.Path, Environment(), TimeSpan.FromMinutes(3));
        var unknown = ProcessRun.Start(dotnet, ["pwsh", "-NoLogo", "-NoProfile", "-File", Path.Combine(Tool.Repository, "speccake.ps1"), "--target=Deploy"], RepositoryRoot.Path, Environment(), TimeSpan.FromMinutes(3));

        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal(Tool.Version, version.Output.Trim());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("The target 'Deploy' was not found.", unknown.All, StringComparison.Ordinal);
        Assert.DoesNotContain(MuxerCalled, version.All + unknown.All, StringComparison.Ordinal);
    }

    /// <summary>
    /// The docs' bash block that fetches the launchers, run in the repository with each <c>curl</c> of
    /// SpecCake's repository served from this checkout (the file the URL names).
    /// </summary>
    private void CopyLaunchersAsTheDocsSay()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "use-in-your-repo.md"));
        var section = docs[docs.IndexOf("### Start it fast", StringComparison.Ordinal)..];
        var block = section[(section.IndexOf("```bash\n", StringComparison.Ordinal) + 8)..];
        foreach (var line in block[..block.IndexOf("```", StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("curl -fsSLO https://raw.githubusercontent.com/speccake/speccake/", StringComparison.Ordinal))
            {
                var path = string.Join('/', new Uri(line.Split(' ')[^1]).AbsolutePath.Split('/').Skip(4));
                File.Copy(Path.Combine(RepositoryRoot.Path, path), Path.Combine(Tool.Repository, Path.GetFileName(path)), overwrite: true);
                continue;
            }

            var run = ProcessRun.Start("bash", ["-c", line], Tool.Repository);
            Assert.True(run.ExitCode == 0, $"{line}: {run}");
        }
    }

    /// <summary>The <c>run:</c> line of a docs workflow that holds <paramref name="argument"/>.</summary>
    private static string DocsWorkflowStep(string workflow, string argument)
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "use-in-your-repo.md"));
        var start = docs.IndexOf(workflow, StringComparison.Ordinal);
        var yaml = docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)];
        var line = yaml.Split('\n').Select(text => text.Trim()).Single(text => text.StartsWith("- run: ", StringComparison.Ordinal) && text.Contains(argument, StringComparison.Ordinal));
        return line["- run: ".Length..];
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private ProcessRun Bash(string command) => ProcessRun.Start("bash", ["-c", command], Tool.Repository, Environment(), TimeSpan.FromMinutes(2));

    /// <summary>The fixture's packages folder, outside GitHub Actions, and a <c>dotnet</c> first on PATH that fails loudly when called (the restore test lets the real one through).</summary>
    private Dictionary<string, string?> Environment()
    {
        var bin = Path.Combine(Tool.Root, "muxer-tripwire");
        Directory.CreateDirectory(bin);
        var tripwire = Path.Combine(bin, "dotnet");
        var real = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "dotnet")).First(File.Exists);
        // `dotnet tool restore` is allowed (the launcher's documented fallback); any other call is the muxer the fast path avoids.
        File.WriteAllText(tripwire, $"#!/bin/sh\nif [ \"$1 $2\" = \"tool restore\" ]; then exec \"{real}\" \"$@\"; fi\necho {MuxerCalled}: \"$@\" >&2\nexit 99\n");
        MakeExecutable(tripwire);
        return new Dictionary<string, string?>
        {
            ["PATH"] = bin + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
            ["NUGET_PACKAGES"] = Tool.PackagesFolder,
            ["GITHUB_ACTIONS"] = null,
            ["SPECCAKE_HOST_LAUNCHER"] = null,
        };
    }
}
