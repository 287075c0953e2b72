using System.Text.Json;

namespace SpecCake.AddinTests;

/// <summary>
/// The recipe as another repository uses it: <c>#load nuget:?package=SpecCake.Recipe</c> in a
/// <c>build.cake</c> that only depends on the recipe's tasks, run by the Cake.Tool 7.0.0 runner.
/// </summary>
public sealed class RecipeTests(CakeRunnerFixture cake) : IClassFixture<CakeRunnerFixture>
{
    private const string WebhookSecret = "whsec-recipe-test-2b7e";

    private string CiScript => $$"""
        {{cake.RecipeDirective}}

        Task("Ci").IsDependentOn("ValidateSpecs");
        RunTarget(Argument("target", "Ci"));
        """;

    [Fact]
    public async Task Recipe_CiDependingOnValidateSpecs_ValidatesTheSpecs()
    {
        var directory = Repository("recipe-valid", "specs:\n  paths: [\"specs/**/*.yaml\"]");

        var result = await cake.RunScriptAsync(directory, CiScript);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 spec file(s) and specs.config.yaml are valid.", result.All);
    }

    [Fact]
    public async Task Recipe_InvalidSpec_FailsTheBuildWithFileLineColumn()
    {
        var directory = Repository("recipe-invalid", "specs:\n  paths: [\"specs/**/*.yaml\"]", "id: FEAT-0001\ntitle: Sign in\nstatus: finished");

        var result = await cake.RunScriptAsync(directory, CiScript);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"specs/features/FEAT-0001\.yaml:3:9: ", result.All);
    }

    [Fact]
    public async Task Recipe_NotifySpecEventWithHostArguments_WebhookReceivesTheEvent()
    {
        await using var server = await LoopbackServer.StartAsync();
        var directory = Repository("recipe-notify", SpecRepository.ConfigWithWebhook(server.Origin + "/hook", "pr_created"));

        var result = await cake.RunScriptAsync(
            directory,
            CiScript,
            ["--target=NotifySpecEvent", "--event=pr_created", "--spec=FEAT-0001", "--pr=42", "--reviewers=alice,bob"],
            new Dictionary<string, string?> { ["SPECCAKE_TEST_WEBHOOK_SECRET"] = WebhookSecret, ["GITHUB_ACTIONS"] = null });

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(server.Requests);
        using var payload = JsonDocument.Parse(request.Body);
        Assert.Equal("pr_created", payload.RootElement.GetProperty("event").GetString());
        Assert.Equal(42, payload.RootElement.GetProperty("pr").GetProperty("number").GetInt32());
        Assert.Equal(["alice", "bob"], payload.RootElement.GetProperty("reviewers").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain(WebhookSecret, result.All);
    }

    [Fact]
    public async Task Recipe_BadTaskArgument_SameMessageAsTheHost()
    {
        var directory = Repository("recipe-badpr", "specs:\n  paths: [\"specs/**/*.yaml\"]");

        var result = await cake.RunScriptAsync(directory, CiScript, ["--target=NotifySpecEvent", "--event=pr_created", "--pr=abc"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--pr must be a whole number, not 'abc'.", result.All);
    }

    [Fact]
    public async Task Recipe_CakeDryRun_PreviewsTheNotificationAndSendsNothing()
    {
        await using var server = await LoopbackServer.StartAsync();
        var directory = Repository("recipe-dryrun", SpecRepository.ConfigWithWebhook(server.Origin + "/hook", "spec_approved"));

        var result = await cake.RunScriptAsync(
            directory,
            CiScript,
            ["--target=NotifySpecEvent", "--event=spec_approved", "--spec=FEAT-0001", "--dryrun"],
            new Dictionary<string, string?> { ["SPECCAKE_TEST_WEBHOOK_SECRET"] = WebhookSecret });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(server.Requests);
        Assert.Contains("Notifying spec_approved for FEAT-0001: 1 delivery (dry run: nothing is sent).", result.All);
        Assert.Contains("This was a dry run.", result.All);
        // The URL is written in the config in plain text, so the preview shows it as written; the
        // HMAC secret comes from the environment and stays masked.
        Assert.Contains("POST " + server.Origin + "/hook", result.All);
        Assert.DoesNotContain(WebhookSecret, result.All);
    }

    [Fact]
    public async Task Recipe_Description_ListsTheRecipeTasks()
    {
        var directory = Repository("recipe-description", "specs:\n  paths: [\"specs/**/*.yaml\"]");

        var result = await cake.RunScriptAsync(directory, CiScript, ["--description"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var task in new[] { "ValidateSpecs", "NotifySpecEvent", "SyncTrackers", "DetectSpecEvents", "TestIntegrations", "ImplementSpec", "Init", "CheckIntegrations" })
        {
            Assert.Contains(task, result.All);
        }
    }

    [Fact]
    public async Task DocsRecipeScript_RunAsWritten_RunsTheRecipeTasks()
    {
        var script = DocsPage.CodeBlocks("csharp").Single(b => b.Code.Contains("#load nuget:?package=SpecCake.Recipe", StringComparison.Ordinal)).Code;
        script = System.Text.RegularExpressions.Regex.Replace(script, "&version=[^\\s]+", $"&version={cake.Version}");
        var directory = Repository("recipe-docs", "specs:\n  paths: [\"specs/**/*.yaml\"]");

        var ci = await cake.RunScriptAsync(directory, script);
        var sync = await cake.RunScriptAsync(directory, script, ["--target=SyncTrackers"]);
        var test = await cake.RunScriptAsync(directory, script, ["--target=TestIntegrations"]);

        Assert.True(ci.ExitCode == 0, ci.ToString());
        Assert.Contains("1 spec file(s) and specs.config.yaml are valid.", ci.All);
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.True(test.ExitCode == 0, test.ToString());
    }

    [SkippableFact]
    public async Task Recipe_InitInAnEmptyRepository_FilesValidateTheWorkflowPassesActionlintAndASecondInitChangesNoByte()
    {
        var directory = cake.NewScriptDirectory("recipe-init");
        var git = await ProcessRun.RunAsync("git", ["init", "-q"], directory);
        Assert.Equal(0, git.ExitCode);
        string[] written = ["specs.config.yaml", "specs/features/FEAT-0001.yaml", ".github/workflows/specs.yml", "schemas/spec.schema.json", "schemas/specs.config.schema.json"];

        var init = await cake.RunScriptAsync(directory, CiScript, ["--target=Init", "--integrations=slack,jira,webhooks", "--agent=claude-code"]);
        var validate = await cake.RunScriptAsync(directory, CiScript, ["--target=ValidateSpecs"]);
        var before = written.ToDictionary(path => path, path => (File.ReadAllBytes(Path.Combine(directory, path)), File.GetLastWriteTimeUtc(Path.Combine(directory, path))));
        var again = await cake.RunScriptAsync(directory, CiScript, ["--target=Init", "--integrations=slack,jira,webhooks", "--agent=claude-code"]);

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal(
            ["ANTHROPIC_API_KEY", "SLACK_WEBHOOK_URL", "WEBHOOK_TOKEN", "WEBHOOK_SECRET_ANALYTICS", "JIRA_API_TOKEN", "JIRA_EMAIL", "JIRA_BASE_URL"],
            init.Output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("gh secret set ", StringComparison.Ordinal)).Select(line => line["gh secret set ".Length..]));
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("1 spec file(s) and specs.config.yaml are valid.", validate.All);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Init changed nothing: every file is already there.", again.All);
        foreach (var path in written)
        {
            Assert.Equal(before[path].Item1, File.ReadAllBytes(Path.Combine(directory, path)));
            Assert.Equal(before[path].Item2, File.GetLastWriteTimeUtc(Path.Combine(directory, path)));
        }

        var findings = await Actionlint.LintAsync(Path.Combine(directory, ".github", "workflows", "specs.yml"));
        Assert.True(findings.Length == 0, string.Join("\n", findings));
    }

    [Fact]
    public async Task Recipe_InitWithAMistypedIntegration_FailsListingTheValidNames()
    {
        var directory = cake.NewScriptDirectory("recipe-init-typo");

        var result = await cake.RunScriptAsync(directory, CiScript, ["--target=Init", "--integrations=slak"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--integrations: unknown integration slak (did you mean slack?); valid names: slack, teams, discord, email, webhooks, pagerduty, opsgenie, datadog, new_relic, sentry, jira, linear, azure_devops, github_projects.", result.All);
        Assert.False(File.Exists(Path.Combine(directory, "specs.config.yaml")));
    }

    private string Repository(string name, string config, string spec = SpecRepository.ValidSpec)
    {
        var directory = cake.NewScriptDirectory(name);
        SpecRepository.Write(directory, "specs.config.yaml", config);
        SpecRepository.Write(directory, "specs/features/FEAT-0001.yaml", spec);
        return directory;
    }
}
