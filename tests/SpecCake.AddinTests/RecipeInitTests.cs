namespace SpecCake.AddinTests;

/// <summary>
/// The recipe's Init task, run by the Cake.Tool 7.0.0 runner in a repository that has nothing yet. A
/// class of its own so that its runs go side by side with <see cref="RecipeTests"/>' (xUnit runs a
/// class's tests one after another): the first test here is the longest of the project.
/// </summary>
public sealed class RecipeInitTests(CakeRunnerFixture cake) : IClassFixture<CakeRunnerFixture>
{
    private string CiScript => cake.RecipeCiScript;

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
}
