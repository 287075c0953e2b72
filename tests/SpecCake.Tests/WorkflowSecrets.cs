using System.Text.RegularExpressions;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Implementation;
using SpecCake.Integrations;
using YamlDotNet.RepresentationModel;

namespace SpecCake.Tests;

/// <summary>
/// Whether a workflow passes, in each job's (or Azure Pipelines step's) <c>env:</c>, the secrets its
/// SpecCake commands need for a configuration, decided as the tasks decide it. Shared by the docs'
/// workflows, this repository's and the ones Init writes.
/// </summary>
internal static partial class WorkflowSecrets
{
    /// <summary>Adds a problem per command and secret its env lacks; returns how many commands were checked.</summary>
    public static int Check(SpecCakeConfig config, IReadOnlyList<MissingSecret> missing, string where, YamlMappingNode root, List<string> problems)
    {
        var commands = 0;
        var workflowEnv = Env(root);
        if (Child(root, "jobs") is YamlMappingNode jobs)
        {
            foreach (var (name, job) in jobs.Children)
            {
                var jobEnv = workflowEnv.Concat(Env((YamlMappingNode)job)).ToHashSet(StringComparer.Ordinal);
                foreach (var step in ((YamlSequenceNode)Child((YamlMappingNode)job, "steps")!).Children.Cast<YamlMappingNode>())
                {
                    commands += CheckCommand($"{where}: job {name}", Text(step, "run"), jobEnv.Concat(Env(step)).ToHashSet(StringComparer.Ordinal));
                }
            }
        }
        else if (Child(root, "steps") is YamlSequenceNode steps)
        {
            foreach (var step in steps.Children.Cast<YamlMappingNode>())
            {
                commands += CheckCommand($"{where}: step '{Text(step, "displayName")}'", Text(step, "script"), Env(step).ToHashSet(StringComparer.Ordinal));
            }
        }

        return commands;

        int CheckCommand(string at, string? run, HashSet<string> env)
        {
            var count = 0;
            foreach (Match call in EntryPoint().Matches(run ?? string.Empty))
            {
                count++;
                var arguments = Option().Matches(call.Groups["args"].Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim('"', '\''), StringComparer.Ordinal);
                var target = arguments.GetValueOrDefault("target") ?? "Default";
                foreach (var name in Needed(config, missing, target, arguments).Where(name => !env.Contains(name)))
                {
                    problems.Add($"{at}: {call.Value.Trim()} needs {name}, which its env does not pass");
                }
            }

            return count;
        }
    }

    /// <summary>The secret names every job's <c>env:</c> passes (from <c>${{ secrets.NAME }}</c>), by job.</summary>
    public static Dictionary<string, IReadOnlyList<string>> SecretsByJob(YamlMappingNode root) =>
        ((YamlMappingNode)Child(root, "jobs")!).Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!,
            pair => (IReadOnlyList<string>)[.. Child((YamlMappingNode)pair.Value, "env") is YamlMappingNode env
                ? env.Children.Where(entry => ((YamlScalarNode)entry.Value).Value!.Contains("secrets.", StringComparison.Ordinal)).Select(entry => ((YamlScalarNode)entry.Key).Value!)
                : []],
            StringComparer.Ordinal);

    public static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode? Child(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

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

    private static string? Text(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static IEnumerable<string> Env(YamlMappingNode node) =>
        Child(node, "env") is YamlMappingNode env ? env.Children.Keys.Cast<YamlScalarNode>().Select(key => key.Value!) : [];

    [GeneratedRegex(@"(?:\./build\.sh|build\.ps1|\./speccake\.sh|speccake\.ps1|dotnet speccake|dotnet cake)(?<args>[^\n`&;|#]*)")]
    private static partial Regex EntryPoint();

    [GeneratedRegex(@"(?<=^|\s)--(?<name>[A-Za-z][A-Za-z-]*)(?:=(?<value>""[^""]*""|'[^']*'|\S+))?")]
    private static partial Regex Option();
}
