using System.IO.Compression;
using System.Text.Json;

namespace SpecCake.Host.Tests.Process;

/// <summary>
/// SpecCake.Tool as a user runs it in another repository: installed from a feed into a tool
/// manifest, started with <c>dotnet speccake</c>, with the host's command line and exit codes.
/// </summary>
public sealed partial class ToolPackageTests(ToolPackageFixture tool) : IClassFixture<ToolPackageFixture>
{
    /// <summary>The fixture, for the other parts of this class (ToolPackageTests.Launchers.cs).</summary>
    private ToolPackageFixture Tool => tool;

    private const string WebhookSecret = "whsec-tool-test-41c8";

    private const string ValidSpec = """
        id: FEAT-0001
        title: User Authentication
        status: approved
        owner: "@team"
        """;

    private const string SecondSpec = """
        id: BUG-0001
        title: Login button misaligned
        status: draft
        type: bug
        """;

    [SkippableFact]
    public void Pack_Tool_PointerNativeAndAnyPackages()
    {
        MachineHost.SkipUnlessNative();
        var packages = Directory.EnumerateFiles(tool.Feed, "SpecCake.Tool*.nupkg").Select(Path.GetFileName).Order().ToArray();

        Assert.Contains($"SpecCake.Tool.{tool.Version}.nupkg", packages);
        Assert.Contains($"SpecCake.Tool.any.{tool.Version}.nupkg", packages);
        Assert.Contains($"SpecCake.Tool.linux-x64.{tool.Version}.nupkg", packages);
        using var pointer = ZipFile.OpenRead(Path.Combine(tool.Feed, $"SpecCake.Tool.{tool.Version}.nupkg"));
        var settings = new StreamReader(pointer.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal)).Open()).ReadToEnd();
        Assert.Contains("speccake", settings);
        Assert.Contains("linux-x64", settings);
        Assert.Contains("\"any\"", settings);
    }

    [SkippableFact]
    public void Pack_AfterBuildSh_PacksTheNativeHostBuildShBuiltInsteadOfCompilingItAgain()
    {
        // pack.sh runs after build.sh in the same folders (as it did for this feed), so MSBuild finds
        // the native code up to date and packs that very executable: byte for byte the host's.
        MachineHost.SkipUnlessNative();
        var host = HostBuild.Of("native");
        using var package = ZipFile.OpenRead(Path.Combine(tool.Feed, $"SpecCake.Tool.linux-x64.{tool.Version}.nupkg"));
        using var packed = new MemoryStream();
        using (var entry = package.Entries.Single(e => e.Name == "SpecCake.Tool").Open())
        {
            entry.CopyTo(packed);
        }

        Assert.Equal(File.ReadAllBytes(Path.Combine(host.HostDirectory, "SpecCake.Tool")), packed.ToArray());
    }

    [SkippableFact]
    public void Install_OnLinuxX64_PicksTheNativePackage()
    {
        MachineHost.SkipUnlessNative();
        // dotnet tool install chose the RID package of this machine from the pointer package's list.
        Assert.True(Directory.Exists(Path.Combine(tool.PackagesFolder, "speccake.tool.linux-x64", tool.Version)), tool.Install.All);
        Assert.False(Directory.Exists(Path.Combine(tool.PackagesFolder, "speccake.tool.any", tool.Version)));
        var native = Directory.EnumerateFiles(Path.Combine(tool.PackagesFolder, "speccake.tool.linux-x64", tool.Version), "SpecCake.Tool", SearchOption.AllDirectories).Single();
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(native)[..4]);
    }

    [Fact]
    public void AnyPackage_FrameworkDependentFallback_RunsOnTheDotnetRuntime()
    {
        var extracted = Path.Combine(tool.Root, "any");
        ZipFile.ExtractToDirectory(Path.Combine(tool.Feed, $"SpecCake.Tool.any.{tool.Version}.nupkg"), extracted, overwriteFiles: true);
        var dll = Directory.EnumerateFiles(extracted, "SpecCake.Tool.dll", SearchOption.AllDirectories).Single();

        var run = ProcessRun.Start("dotnet", [dll, "--version"], tool.Repository);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(tool.Version, run.Output.Trim());
    }

    [Fact]
    public void ValidateSpecs_TwoValidSpecs_ExitsZero()
    {
        tool.Write("specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]");
        tool.Write("specs/features/FEAT-0001.yaml", ValidSpec);
        tool.Write("specs/bugs/BUG-0001.yaml", SecondSpec);

        var run = tool.Speccake(["--target=ValidateSpecs"]);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("2 spec file(s) and specs.config.yaml are valid.", run.Output);
    }

    [Fact]
    public void ValidateSpecs_InvalidSpec_ExitsNonZeroWithFileLineColumn()
    {
        tool.Write("broken/specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]");
        tool.Write("broken/specs/features/FEAT-0002.yaml", "id: FEAT-0002\ntitle: Broken\nstatus: finished");

        var run = tool.Speccake(["--target=ValidateSpecs"], folder: "broken");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"specs/features/FEAT-0002\.yaml:3:9: ", run.All);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public async Task NotifySpecEvent_Webhook_ReceivesTheSignedEvent()
    {
        await using var server = await LoopbackServer.StartAsync();
        tool.Write("notify/specs.config.yaml", SpecRepository.ConfigWithWebhook(server.Origin + "/hook", "implementation_completed"));
        tool.Write("notify/specs/features/FEAT-0001.yaml", ValidSpec);

        var run = tool.Speccake(
            ["--target=NotifySpecEvent", "--event=implementation_completed", "--spec=FEAT-0001", "--pr=42"],
            new Dictionary<string, string?> { ["SPECCAKE_TEST_WEBHOOK_SECRET"] = WebhookSecret },
            "notify");

        Assert.True(run.ExitCode == 0, run.All);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/hook", request.Path);
        Assert.StartsWith("sha256=", request.Headers["X-Signature-256"], StringComparison.Ordinal);
        using var payload = JsonDocument.Parse(request.Body);
        Assert.Equal("implementation_completed", payload.RootElement.GetProperty("event").GetString());
        Assert.Equal("FEAT-0001", payload.RootElement.GetProperty("spec").GetProperty("id").GetString());
        Assert.Equal(42, payload.RootElement.GetProperty("pr").GetProperty("number").GetInt32());
        Assert.DoesNotContain(WebhookSecret, run.All);
    }

    [Fact]
    public async Task NotifySpecEvent_DryRun_PrintsTheRequestMaskedAndSendsNothing()
    {
        await using var server = await LoopbackServer.StartAsync();
        tool.Write("preview/specs.config.yaml", SpecRepository.ConfigWithWebhook(server.Origin + "/hook", "implementation_completed"));
        tool.Write("preview/specs/features/FEAT-0001.yaml", ValidSpec);

        var run = tool.Speccake(
            ["--target=NotifySpecEvent", "--event=implementation_completed", "--spec=FEAT-0001", "--dryrun"],
            new Dictionary<string, string?> { ["SPECCAKE_TEST_WEBHOOK_SECRET"] = WebhookSecret },
            "preview");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Empty(server.Requests);
        Assert.Contains("(dry run: nothing is sent)", run.Output);
        Assert.Contains("would send:\nPOST ", run.Output);
        Assert.Contains("X-Signature-256: sha256=", run.Output);
        // The URL is written in plain text in the config, so the dry run shows it as written;
        // only the HMAC secret from the environment is masked.
        Assert.Contains($"POST {server.Origin}/hook", run.Output);
        Assert.DoesNotContain(WebhookSecret, run.All);
    }

    [Fact]
    public void Description_ListsTheTasks()
    {
        var run = tool.Speccake(["--description"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var task in new[] { "ValidateSpecs", "NotifySpecEvent", "SyncTrackers", "DetectSpecEvents", "TestIntegrations", "ImplementSpec", "Init", "CheckIntegrations" })
        {
            Assert.Contains(task, run.Output);
        }
    }

    [Fact]
    public void UnknownTargetAndHelp_NameDotnetSpeccake()
    {
        var unknown = tool.Speccake(["--target=Deploy"]);
        var usage = tool.Speccake(["deploy"]);
        var help = tool.Speccake(["--help"]);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("The target 'Deploy' was not found. Valid targets: CheckIntegrations, Default, DetectSpecEvents, ImplementSpec, Init, NotifySpecEvent, SyncTrackers, TestIntegrations, ValidateSpecs.", unknown.Error);
        Assert.Equal(1, usage.ExitCode);
        Assert.Contains("Run 'dotnet speccake --help' to see the options.", usage.Error);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("dotnet speccake [OPTIONS]", help.Output);
    }
}
