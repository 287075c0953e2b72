using SpecCake.Configuration;
using SpecCake.Integrations;
using SpecCake.Tests.Configuration;
using YamlDotNet.RepresentationModel;

namespace SpecCake.Tests;

/// <summary>
/// docs/use-in-your-repo.md writes its workflows for its own example configuration (Slack, Jira Cloud
/// and a signed webhook): every job, and every Azure Pipelines step, must pass the secrets its
/// commands need for that configuration, as SpecCake itself decides what a task needs. The same
/// holds for this repository's own workflows.
/// </summary>
public sealed class DocsWorkflowSecretsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "docs", "use-in-your-repo.md"));

    [Fact]
    public void DocsExampleConfig_IsValidAndEnablesSlackJiraCloudAndASignedWebhook()
    {
        var (loaded, missing) = ExampleConfig();

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        Assert.Equal(["jira", "slack", "webhooks"], IntegrationCatalog.All.Where(descriptor => descriptor.IsEnabled(loaded.Config!)).Select(descriptor => descriptor.Key).Order(StringComparer.Ordinal));
        Assert.Contains(missing, secret => secret.Variable == "WEBHOOK_SECRET_ANALYTICS");
        Assert.Contains(missing, secret => secret.Variable == "JIRA_EMAIL");
    }

    [Fact]
    public void Workflows_EveryJobAndStep_PassTheSecretsItsCommandsNeedForTheDocsExampleConfig()
    {
        var (loaded, missing) = ExampleConfig();
        var problems = new List<string>();
        var commands = 0;
        foreach (var (where, root) in Workflows())
        {
            commands += WorkflowSecrets.Check(loaded.Config!, missing, where, root, problems);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(commands >= 12, $"commands checked: {commands}");
    }

    /// <summary>The docs' example configuration, read without any secret set, and what it would miss.</summary>
    private static (ConfigLoadResult Loaded, IReadOnlyList<MissingSecret> Missing) ExampleConfig()
    {
        var block = Blocks("yaml").Single(block => block.Code.StartsWith("# specs.config.yaml", StringComparison.Ordinal)).Code;
        using var folder = new TempFolder("docs-config");
        var directory = folder.Path;
        var path = Path.Combine(directory, "specs.config.yaml");
        File.WriteAllText(path, block);
        var loaded = SpecCakeConfigLoader.Load(path, "specs.config.yaml", TestConfig.Environment(new Dictionary<string, string>()), specPathsRead: null, secretsRequired: false);
        return (loaded, loaded.MissingSecrets);
    }

    private static IEnumerable<(string Where, YamlMappingNode Root)> Workflows()
    {
        foreach (var (line, code) in Blocks("yaml").Where(block => block.Code.Contains("\njobs:", StringComparison.Ordinal) || block.Code.Contains("\nsteps:", StringComparison.Ordinal)))
        {
            yield return ($"use-in-your-repo.md:{line}", Parse(code));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestConfig.RepositoryRoot(), ".github", "workflows"), "*.y*ml").Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileName(file), Parse(File.ReadAllText(file)));
        }
    }

    private static IEnumerable<(int Line, string Code)> Blocks(string language)
    {
        var lines = Docs.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "```" + language)
            {
                var end = Array.FindIndex(lines, i + 1, line => line.Trim() == "```");
                yield return (i + 1, string.Join("\n", lines[(i + 1)..end]));
                i = end;
            }
        }
    }

    private static YamlMappingNode Parse(string text) => WorkflowSecrets.Parse(text);
}
