using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpecCake.AddinTests;

/// <summary>
/// The addin as another repository uses it: <c>#addin nuget:?package=SpecCake&amp;loaddependencies=true</c>
/// in a <c>build.cake</c> with its own tasks, run by the Cake.Tool 7.0.0 script runner.
/// </summary>
public sealed class CakeScriptTests(CakeRunnerFixture cake) : IClassFixture<CakeRunnerFixture>
{
    private const string WebhookSecret = "whsec-addin-test-9f3b";

    [Fact]
    public void Pack_AddinPackage_FollowsCakeContribConventions()
    {
        using var package = ZipFile.OpenRead(cake.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToArray();
        using var nuspecStream = package.GetEntry("SpecCake.nuspec")!.Open();
        var nuspec = new StreamReader(nuspecStream).ReadToEnd();

        Assert.Contains("lib/net10.0/SpecCake.dll", entries);
        Assert.Contains("lib/net10.0/SpecCake.xml", entries);
        Assert.Contains("PACKAGE.md", entries);
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("Cake.", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
        Assert.Contains("<readme>PACKAGE.md</readme>", nuspec);
        Assert.Matches("<tags>[^<]*cake-addin[^<]*</tags>", nuspec);
        Assert.DoesNotMatch("<dependency id=\"Cake\\.", nuspec);

        // Editors of another repo point at the packaged schemas (docs/use-in-your-repo.md).
        var schemas = Path.Combine(RepositoryRoot.Path, "schemas");
        foreach (var schema in Directory.Exists(schemas) ? Directory.EnumerateFiles(schemas, "*.json") : [])
        {
            Assert.Contains($"schemas/{Path.GetFileName(schema)}", entries);
        }

        foreach (var dependency in new[] { "YamlDotNet", "JsonSchema.Net", "Polly.Core", "Octokit", "MailKit", "Sentry" })
        {
            Assert.Contains($"<dependency id=\"{dependency}\"", nuspec);
        }
    }

    [Fact]
    public async Task Script_AddinLoaded_UsesTheRunningCakesCoreAndLoadsDependencies()
    {
        var directory = cake.NewScriptDirectory("load");
        SpecRepository.Write(directory, "specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]");
        SpecRepository.Write(directory, "specs/features/FEAT-0001.yaml", SpecRepository.ValidSpec);
        await SpecRepository.GitAsync(directory, "init", "-q");
        await SpecRepository.CommitAllAsync(directory, "Add FEAT-0001");

        var result = await cake.RunScriptAsync(directory, $$"""
            {{cake.AddinDirective}}

            Task("Inspect").Does(() =>
            {
                foreach (var core in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "Cake.Core"))
                {
                    Information("Cake.Core from {0}", core.Location);
                }
                Information("SpecCake from {0}", typeof(DetectSpecEventsSettings).Assembly.Location);
            });

            Task("Default")
                .IsDependentOn("Inspect")
                .Does(() => Information("events: {0}", DetectSpecEvents("HEAD").Count));

            RunTarget(Argument("target", "Default"));
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        var cores = Regex.Matches(result.All, "Cake.Core from (.+)").Select(m => m.Groups[1].Value.Trim()).ToArray();
        var core = Assert.Single(cores);
        Assert.DoesNotContain(cake.AddinsPath, core);
        Assert.Contains(Path.Combine(cake.AddinsPath, $"SpecCake.{cake.Version}"), result.All);
        Assert.Contains("events: 0", result.All);
        Assert.Empty(Directory.EnumerateFiles(cake.AddinsPath, "Cake.*.dll", SearchOption.AllDirectories));
        Assert.NotEmpty(Directory.EnumerateFiles(cake.AddinsPath, "YamlDotNet.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task DocsCakeScript_RunAsWritten_CompilesAndRunsDetectSpecEvents()
    {
        var script = DocsPage.CodeBlocks("csharp").Single(b => b.Code.Contains("#addin")).Code;
        script = System.Text.RegularExpressions.Regex.Replace(script, "&version=[^&]+&", $"&version={cake.Version}&");
        var directory = cake.NewScriptDirectory("docs");
        SpecRepository.Write(directory, "specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]");
        SpecRepository.Write(directory, "specs/features/FEAT-0001.yaml", SpecRepository.ValidSpec);
        await SpecRepository.GitAsync(directory, "init", "-q");
        await SpecRepository.CommitAllAsync(directory, "Add FEAT-0001");

        var result = await cake.RunScriptAsync(directory, script, ["--target=DetectSpecEvents", "--base=HEAD"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("No spec events between HEAD and HEAD.", result.All);
    }

    [Fact]
    public async Task DocsCakeScript_ImplementSpecPreview_PrintsThePlanThroughTheAlias()
    {
        var script = DocsPage.CodeBlocks("csharp").Single(b => b.Code.Contains("#addin")).Code;
        script = System.Text.RegularExpressions.Regex.Replace(script, "&version=[^&]+&", $"&version={cake.Version}&");
        var directory = cake.NewScriptDirectory("implement");
        SpecRepository.Write(directory, ".gitignore", "build.cake\ntools/\n.artifacts/\n");
        SpecRepository.Write(directory, "specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]\nimplementation:\n  agent: command\n  command: [\"git\", \"status\"]\n  verify: [\"true\"]\n");
        SpecRepository.Write(directory, "specs/features/FEAT-0001.yaml", SpecRepository.ValidSpec);
        await SpecRepository.GitAsync(directory, "init", "-q");
        await SpecRepository.CommitAllAsync(directory, "Add FEAT-0001");
        await SpecRepository.GitAsync(directory, "remote", "add", "origin", directory);

        var result = await cake.RunScriptAsync(
            directory,
            script,
            ["--target=ImplementSpec", "--spec=FEAT-0001", "--preview"],
            new Dictionary<string, string?> { ["GITHUB_TOKEN"] = "ghp_addin5ecret", ["GITHUB_REPOSITORY"] = "octo-org/specs-repo", ["GITHUB_API_URL"] = "http://127.0.0.1:9" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ImplementSpec (dry run: nothing is changed, pushed or sent) for FEAT-0001: User Authentication", result.All);
        Assert.Contains("  | You are implementing spec FEAT-0001", result.All);
        Assert.DoesNotContain("ghp_addin5ecret", result.All);
    }

    [Fact]
    public async Task Script_TaskDependingOnValidateSpecsWithInvalidSpec_ExitsNonZeroAndPrintsFileLineColumn()
    {
        var directory = cake.NewScriptDirectory("invalid");
        SpecRepository.Write(directory, "specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]");
        SpecRepository.Write(directory, "specs/features/FEAT-0001.yaml", """
            id: FEAT-0001
            title: User Authentication
            status: finished
            """);

        var result = await cake.RunScriptAsync(
            directory,
            $$"""
            {{cake.AddinDirective}}

            Task("Specs").Does(() => ValidateSpecs());

            Task("Ci")
                .IsDependentOn("Specs")
                .Does(() => Information("Ci ran after invalid specs"));

            RunTarget(Argument("target", "Specs"));
            """,
            ["--target=Ci"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"specs/features/FEAT-0001\.yaml:3:\d+", result.All);
        Assert.DoesNotContain("Ci ran after invalid specs", result.All);
    }

    [Fact]
    public async Task Script_TaskCallingNotifySpecEvent_WebhookReceivesSignedContractPayload()
    {
        await using var server = await LoopbackServer.StartAsync();
        var url = server.Origin + "/spec-webhook";
        var directory = cake.NewScriptDirectory("notify");
        SpecRepository.Write(directory, "specs.config.yaml", SpecRepository.ConfigWithWebhook(url, "implementation_completed"));
        SpecRepository.Write(directory, "specs/features/FEAT-0001.yaml", SpecRepository.ValidSpec);
        await SpecRepository.GitAsync(directory, "init", "-q"); // spec.file is relative to the repository root
        await SpecRepository.CommitAllAsync(directory, "Add FEAT-0001");

        var result = await cake.RunScriptAsync(
            directory,
            $$"""
            {{cake.AddinDirective}}

            Task("Implement").Does(() => Information("implemented"));

            Task("Ship")
                .IsDependentOn("Implement")
                .Does(() => NotifySpecEvent("implementation_completed", "FEAT-0001"));

            RunTarget(Argument("target", "Ship"));
            """,
            environment: new Dictionary<string, string?>
            {
                ["SPECCAKE_TEST_WEBHOOK_SECRET"] = WebhookSecret,
                ["GITHUB_ACTIONS"] = "true",
                ["GITHUB_REPOSITORY"] = "acme/widgets",
                ["GITHUB_SERVER_URL"] = "https://github.com",
                ["GITHUB_RUN_ID"] = "4242",
            });

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/spec-webhook", request.Path);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.Equal("implementation_completed", request.Headers["X-SpecCake-Event"]);
        Assert.False(string.IsNullOrWhiteSpace(request.Headers["X-SpecCake-Delivery"]));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), request.BodyBytes));
        Assert.Equal($"sha256={signature}", request.Headers["X-Signature-256"]);

        using var payload = JsonDocument.Parse(request.Body);
        var root = payload.RootElement;
        Assert.Equal("implementation_completed", root.GetProperty("event").GetString());
        var timestamp = root.GetProperty("timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp);
        Assert.True(DateTimeOffset.TryParse(timestamp, out _), timestamp);
        var spec = root.GetProperty("spec");
        Assert.Equal("FEAT-0001", spec.GetProperty("id").GetString());
        Assert.Equal("User Authentication", spec.GetProperty("title").GetString());
        Assert.Equal("specs/features/FEAT-0001.yaml", spec.GetProperty("file").GetString());
        Assert.Equal("approved", spec.GetProperty("status").GetString());
        var repository = root.GetProperty("repository");
        Assert.Equal("acme", repository.GetProperty("owner").GetString());
        Assert.Equal("widgets", repository.GetProperty("name").GetString());

        // The endpoint URL and the signing secret are credentials: never printed.
        Assert.DoesNotContain(url, result.All);
        Assert.DoesNotContain(WebhookSecret, result.All);
    }

    [Fact]
    public async Task Script_DetectSpecEventsDryRun_ListsEventsAndSendsNothing()
    {
        await using var server = await LoopbackServer.StartAsync();
        var directory = cake.NewScriptDirectory("detect");
        SpecRepository.Write(directory, "specs.config.yaml", SpecRepository.ConfigWithWebhook(server.Origin + "/hook", "spec_created", "spec_approved"));
        SpecRepository.Write(directory, "specs/features/FEAT-0001.yaml", SpecRepository.ValidSpec.Replace("status: approved", "status: review"));
        await SpecRepository.GitAsync(directory, "init", "-q");
        await SpecRepository.CommitAllAsync(directory, "Add FEAT-0001 for review");
        await SpecRepository.GitAsync(directory, "tag", "before");
        SpecRepository.Write(directory, "specs/features/FEAT-0001.yaml", SpecRepository.ValidSpec);
        SpecRepository.Write(directory, "specs/features/FEAT-0002.yaml", SpecRepository.ValidSpec.Replace("FEAT-0001", "FEAT-0002").Replace("status: approved", "status: draft"));
        await SpecRepository.CommitAllAsync(directory, "Approve FEAT-0001, draft FEAT-0002");

        var result = await cake.RunScriptAsync(
            directory,
            $$"""
            {{cake.AddinDirective}}

            Task("SpecEvents").Does(() =>
            {
                // Not Cake's own --dryrun: the script runner would then skip every task body.
                var events = DetectSpecEvents(new DetectSpecEventsSettings { Base = Argument<string>("base"), DryRun = true });
                Information("detected {0}", events.Count);
            });

            RunTarget("SpecEvents");
            """,
            ["--base=before"],
            new Dictionary<string, string?> { ["SPECCAKE_TEST_WEBHOOK_SECRET"] = WebhookSecret });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("spec_approved FEAT-0001 (specs/features/FEAT-0001.yaml)", result.All);
        Assert.Contains("spec_created FEAT-0002 (specs/features/FEAT-0002.yaml)", result.All);
        Assert.Contains("detected 2", result.All);
        Assert.Empty(server.Requests);
    }
}
