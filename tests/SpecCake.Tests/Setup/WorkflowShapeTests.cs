using System.Text;
using SpecCake.Setup;
using SpecCake.Tests.Configuration;
using YamlDotNet.RepresentationModel;

namespace SpecCake.Tests.Setup;

/// <summary>
/// The workflow Init writes is this repository's own workflow, in shape: for every integration and
/// Claude Code, the same triggers, jobs, conditions, permissions, concurrency groups and steps as
/// <c>.github/workflows/specs.yml</c>. What may differ is what only SpecCake's own repository has:
/// how a step starts SpecCake (<c>./build.sh</c> here, the tool's launcher there), how .NET is set up
/// (<c>global.json</c> here), the paths that trigger it, comments, and the order of the env entries.
/// A change to one that is not made to the other fails here.
/// </summary>
public sealed class WorkflowShapeTests
{
    [Fact]
    public void InitWorkflow_ForEverything_HasTheShapeOfThisRepositorysWorkflow()
    {
        var ours = WorkflowSecrets.Parse(File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), ".github", "workflows", "specs.yml")));
        var init = WorkflowSecrets.Parse(SetupTemplates.Workflow(SetupChoice.Everything, "./build.sh", "global-json-file: global.json"));

        var differences = new List<string>();
        Compare("", Shape(ours), Shape(init), differences);

        Assert.True(differences.Count == 0, "Init's workflow and .github/workflows/specs.yml differ (left: this repository's, right: Init's):\n" + string.Join("\n", differences));
    }

    [Fact]
    public void InitWorkflow_WithoutAgentOrTrackers_KeepsOnlyValidateAndDetect()
    {
        var init = WorkflowSecrets.Parse(SetupTemplates.Workflow(SetupChoice.Parse(["slack"], claudeCode: false)));

        Assert.Equal(["validate", "detect"], ((YamlMappingNode)WorkflowSecrets.Child(init, "jobs")!).Children.Keys.Select(key => ((YamlScalarNode)key).Value));
        Assert.Equal(["pull_request", "push"], ((YamlMappingNode)WorkflowSecrets.Child(init, "on")!).Children.Keys.Select(key => ((YamlScalarNode)key).Value));
    }

    /// <summary>The workflow with what may differ taken out: paths, setup-dotnet's input, env order, the entry command.</summary>
    private static YamlNode Shape(YamlNode node, string path = "")
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var shaped = new YamlMappingNode();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value!;
                    if (name == "paths" && path.StartsWith("/on/", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (name == "with" && mapping.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && ((YamlScalarNode)uses).Value!.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (name == "env" && value is YamlMappingNode env)
                    {
                        var sorted = new YamlMappingNode();
                        foreach (var entry in env.Children.OrderBy(entry => ((YamlScalarNode)entry.Key).Value, StringComparer.Ordinal))
                        {
                            sorted.Add(entry.Key, entry.Value);
                        }

                        shaped.Add(key, sorted);
                        continue;
                    }

                    shaped.Add(key, Shape(value, path + "/" + name));
                }

                return shaped;
            case YamlSequenceNode sequence:
                return new YamlSequenceNode(sequence.Children.Select(child => Shape(child, path + "/*")));
            case YamlScalarNode scalar when path.EndsWith("/run", StringComparison.Ordinal):
                return new YamlScalarNode(scalar.Value!.Replace("./build.sh", "./speccake.sh", StringComparison.Ordinal));
            default:
                return node;
        }
    }

    private static void Compare(string at, YamlNode left, YamlNode right, List<string> differences)
    {
        switch (left, right)
        {
            case (YamlMappingNode a, YamlMappingNode b):
                var keys = a.Children.Keys.Concat(b.Children.Keys).Cast<YamlScalarNode>().Select(key => key.Value!).Distinct(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    var node = new YamlScalarNode(key);
                    var inLeft = a.Children.TryGetValue(node, out var l);
                    var inRight = b.Children.TryGetValue(node, out var r);
                    if (inLeft && inRight)
                    {
                        Compare($"{at}/{key}", l!, r!, differences);
                    }
                    else
                    {
                        differences.Add($"{at}/{key}: only in {(inLeft ? "this repository's" : "Init's")}");
                    }
                }

                break;
            case (YamlSequenceNode a, YamlSequenceNode b):
                for (var index = 0; index < Math.Max(a.Children.Count, b.Children.Count); index++)
                {
                    if (index >= a.Children.Count || index >= b.Children.Count)
                    {
                        differences.Add($"{at}[{index}]: only in {(index < a.Children.Count ? "this repository's" : "Init's")}: {Text(index < a.Children.Count ? a.Children[index] : b.Children[index])}");
                        continue;
                    }

                    Compare($"{at}[{index}]", a.Children[index], b.Children[index], differences);
                }

                break;
            case (YamlScalarNode a, YamlScalarNode b) when a.Value == b.Value:
                break;
            default:
                differences.Add($"{at}: {Text(left)} ≠ {Text(right)}");
                break;
        }
    }

    private static string Text(YamlNode node)
    {
        var text = new StringBuilder();
        new YamlStream(new YamlDocument(node)).Save(new StringWriter(text), assignAnchors: false);
        return text.ToString().Replace("\n", " ", StringComparison.Ordinal).Trim();
    }
}
