namespace SpecCake.AddinTests;

/// <summary>
/// The recipe's task list and the README's recipe script, run by the Cake.Tool 7.0.0 runner. A class
/// of its own so that its four runs go side by side with <see cref="RecipeTests"/>': xUnit runs a
/// class's tests one after another, and the recipe's nine runs in one class were the project's longest
/// sequence, which could end the run alone on one core (a CI run's last 25 s were at 54% CPU).
/// </summary>
public sealed class RecipeDocsTests(CakeRunnerFixture cake) : IClassFixture<CakeRunnerFixture>
{
    private string CiScript => cake.RecipeCiScript;

    [Fact]
    public async Task Recipe_Description_ListsTheRecipeTasks()
    {
        var directory = cake.NewSpecRepository("recipe-description", "specs:\n  paths: [\"specs/**/*.yaml\"]");

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
        var directory = cake.NewSpecRepository("recipe-docs", "specs:\n  paths: [\"specs/**/*.yaml\"]");

        var ci = await cake.RunScriptAsync(directory, script);
        var sync = await cake.RunScriptAsync(directory, script, ["--target=SyncTrackers"]);
        var test = await cake.RunScriptAsync(directory, script, ["--target=TestIntegrations"]);

        Assert.True(ci.ExitCode == 0, ci.ToString());
        Assert.Contains("1 spec file(s) and specs.config.yaml are valid.", ci.All);
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.True(test.ExitCode == 0, test.ToString());
    }
}
