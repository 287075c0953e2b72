using System.Text.Json;

namespace SpecCake.AddinTests;

/// <summary>
/// The recipe as another repository uses it: <c>#load nuget:?package=SpecCake.Recipe</c> in a
/// <c>build.cake</c> that only depends on the recipe's tasks, run by the Cake.Tool 7.0.0 runner.
/// </summary>
public sealed class RecipeTests(CakeRunnerFixture cake) : IClassFixture<CakeRunnerFixture>
{
    private const string WebhookSecret = "whsec-recipe-test-2b7e";

    private string CiScript => cake.RecipeCiScript;

    [Fact]
    public async Task Recipe_CiDependingOnValidateSpecs_ValidatesTheSpecs()
    {
        var directory = cake.NewSpecRepository("recipe-valid", "specs:\n  paths: [\"specs/**/*.yaml\"]");

        var result = await cake.RunScriptAsync(directory, CiScript);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 spec file(s) and specs.config.yaml are valid.", result.All);
    }

    [Fact]
    public async Task Recipe_InvalidSpec_FailsTheBuildWithFileLineColumn()
    {
        var directory = cake.NewSpecRepository("recipe-invalid", "specs:\n  paths: [\"specs/**/*.yaml\"]", "id: FEAT-0001\ntitle: Sign in\nstatus: finished");

        var result = await cake.RunScriptAsync(directory, CiScript);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"specs/features/FEAT-0001\.yaml:3:9: ", result.All);
    }

    [Fact]
    public async Task Recipe_NotifySpecEventWithHostArguments_WebhookReceivesTheEvent()
    {
        await using var server = await LoopbackServer.StartAsync();
        var directory = cake.NewSpecRepository("recipe-notify", SpecRepository.ConfigWithWebhook(server.Origin + "/hook", "pr_created"));

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
        var directory = cake.NewSpecRepository("recipe-badpr", "specs:\n  paths: [\"specs/**/*.yaml\"]");

        var result = await cake.RunScriptAsync(directory, CiScript, ["--target=NotifySpecEvent", "--event=pr_created", "--pr=abc"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--pr must be a whole number, not 'abc'.", result.All);
    }

    [Fact]
    public async Task Recipe_CakeDryRun_PreviewsTheNotificationAndSendsNothing()
    {
        await using var server = await LoopbackServer.StartAsync();
        var directory = cake.NewSpecRepository("recipe-dryrun", SpecRepository.ConfigWithWebhook(server.Origin + "/hook", "spec_approved"));

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
}
