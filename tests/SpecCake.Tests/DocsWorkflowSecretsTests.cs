using System.Text.RegularExpressions;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Implementation;
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
public sealed partial class DocsWorkflowSecretsTests
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
        var config = loaded.Config!;
        var problems = new List<string>();
        var commands = 0;
        foreach (var (where, root) in Workflows())
        {
            var workflowEnv = Env(root);
            if (Child(root, "jobs") is YamlMappingNode jobs)
            {
                foreach (var (name, job) in jobs.Children)
                {
                    var jobEnv = workflowEnv.Concat(Env((YamlMappingNode)job)).ToHashSet(StringComparer.Ordinal);
                    foreach (var step in ((YamlSequenceNode)Child((YamlMappingNode)job, "steps")!).Children.Cast<YamlMappingNode>())
                    {
                        commands += Check($"{where}: job {name}", Text(step, "run"), jobEnv.Concat(Env(step)).ToHashSet(StringComparer.Ordinal));
                    }
                }
            }
            else if (Child(root, "steps") is YamlSequenceNode steps)
            {
                foreach (var step in steps.Children.Cast<YamlMappingNode>())
                {
                    commands += Check($"{where}: step '{Text(step, "displayName")}'", Text(step, "script"), Env(step).ToHashSet(StringComparer.Ordinal));
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(commands >= 12, $"commands checked: {commands}");

        int Check(string where, string? run, HashSet<string> env)
        {
            var count = 0;
            foreach (Match call in EntryPoint().Matches(run ?? string.Empty))
            {
                count++;
                var arguments = Option().Matches(call.Groups["args"].Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim('"', '\''), StringComparer.Ordinal);
                var target = arguments.GetValueOrDefault("target") ?? "Default";
                foreach (var name in Needed(config, missing, target, arguments).Where(name => !env.Contains(name)))
                {
                    problems.Add($"{where}: {call.Value.Trim()} needs {name}, which its env does not pass");
                }
            }

            return count;
        }
    }

    /// <summary>What a command needs, decided as the task decides it.</summary>
    private static IEnumerable<string> Needed(SpecCakeConfig config, IReadOnlyList<MissingSecret> missing, string target, Dictionary<string, string> arguments)
    {
        var need = target switch
        {
            "NotifySpecEvent" => IntegrationNeed.ForEvents(config, [SpecEventKinds.TryParse(arguments["event"], out var kind) ? kind.Value : throw new InvalidOperationException(arguments["event"])], withSpec: true),
            // What DetectSpecEvents may find: new specs and approved ones.
            "DetectSpecEvents" => IntegrationNeed.ForEvents(config, [SpecEventKind.SpecCreated, SpecEventKind.SpecApproved], withSpec: true),
            "SyncTrackers" => IntegrationNeed.ForTrackers(config),
            "TestIntegrations" => IntegrationNeed.ForTest(config, arguments.TryGetValue("only", out var only) ? only.Split(',') : []),
            "ImplementSpec" => IntegrationNeed.ForEvents(config, ImplementSpecTaskRunner.ImplementationEvents, withSpec: true),
            _ => IntegrationNeed.None,
        };
        var names = missing.Where(need.Needs).Select(secret => secret.Variable);
        if (target == "ImplementSpec")
        {
            names = names.Append(SecretNames.GitHubToken);
            if (config.Implementation.Agent == ImplementationAgent.ClaudeCode)
            {
                names = names.Append(SecretNames.AnthropicApiKey);
            }
        }

        return names.Distinct(StringComparer.Ordinal);
    }

    /// <summary>The docs' example configuration, read without any secret set, and what it would miss.</summary>
    private static (ConfigLoadResult Loaded, IReadOnlyList<MissingSecret> Missing) ExampleConfig()
    {
        var block = Blocks("yaml").Single(block => block.Code.StartsWith("# specs.config.yaml", StringComparison.Ordinal)).Code;
        var directory = Directory.CreateTempSubdirectory("speccake-docs-config-").FullName;
        try
        {
            var path = Path.Combine(directory, "specs.config.yaml");
            File.WriteAllText(path, block);
            var loaded = SpecCakeConfigLoader.Load(path, "specs.config.yaml", TestConfig.Environment(new Dictionary<string, string>()), specPathsRead: null, secretsRequired: false);
            return (loaded, loaded.MissingSecrets);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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

    private static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Text(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static IEnumerable<string> Env(YamlMappingNode node) =>
        Child(node, "env") is YamlMappingNode env ? env.Children.Keys.Cast<YamlScalarNode>().Select(key => key.Value!) : [];

    [GeneratedRegex(@"(?:\./build\.sh|build\.ps1|dotnet speccake|dotnet cake)(?<args>[^\n`&;|#]*)")]
    private static partial Regex EntryPoint();

    [GeneratedRegex(@"(?<=^|\s)--(?<name>[A-Za-z][A-Za-z-]*)(?:=(?<value>""[^""]*""|'[^']*'|\S+))?")]
    private static partial Regex Option();
}
