using System.Text.RegularExpressions;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Tests.Configuration;

namespace SpecCake.Tests;

/// <summary>
/// The README's examples are what a newcomer copies first: every configuration block must load
/// without an error, the spec example must be a valid spec, and every <c>./build.sh</c> line may
/// only use tasks and events that exist.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "README.md"));

    private static readonly string[] Tasks =
        ["Default", "ValidateSpecs", "NotifySpecEvent", "SyncTrackers", "DetectSpecEvents", "TestIntegrations", "ImplementSpec"];

    public static TheoryData<int, string> ConfigBlocks()
    {
        var data = new TheoryData<int, string>();
        foreach (var (line, code) in CodeBlocks("yaml").Where(block => ConfigKey().IsMatch(block.Code)))
        {
            data.Add(line, code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigBlocks))]
    public void ConfigExample_WithItsSecretsSet_LoadsWithoutErrors(int line, string yaml)
    {
        var result = TestConfig.Parse(yaml, TestConfig.AllSecrets());

        Assert.True(result.Errors.Count == 0, $"README.md:{line}: {string.Join("; ", result.Errors)}");
        Assert.NotNull(result.Config);
    }

    [Fact]
    public void ConfigExamples_CoverEveryIntegrationOfTheSecretsTable()
    {
        var keys = ConfigBlocks().Select(row => (string)row[1]).SelectMany(yaml => IntegrationKey().Matches(yaml).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "slack", "teams", "discord", "email", "webhooks", "jira", "linear", "azure_devops", "github_projects", "pagerduty", "sentry" },
            keys);
    }

    [Fact]
    public void SpecExample_IsAValidSpecFile()
    {
        var (_, yaml) = Assert.Single(CodeBlocks("yaml"), block => block.Code.StartsWith("id: FEAT-0001", StringComparison.Ordinal));
        var directory = Directory.CreateTempSubdirectory("speccake-readme-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "FEAT-0001.yaml"), yaml);

            var catalog = SpecCatalog.Load(directory, ["*.yaml"]);

            Assert.Empty(catalog.Errors.Select(error => error.ToString()));
            var spec = Assert.Single(catalog.Specs);
            Assert.Equal(["AC-1", "AC-2"], spec.AcceptanceCriteria.Select(criterion => criterion.Id));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void BuildCommands_UseOnlyExistingTasksAndEvents()
    {
        var commands = BuildCommand().Matches(Readme).Select(match => match.Value).ToArray();

        Assert.True(commands.Length >= 8, $"expected the README's ./build.sh examples, found {commands.Length}");
        foreach (var command in commands)
        {
            if (TargetArgument().Match(command) is { Success: true } target)
            {
                Assert.Contains(target.Groups[1].Value, Tasks);
            }

            if (EventArgument().Match(command) is { Success: true } name)
            {
                Assert.True(SpecEventKinds.TryParse(name.Groups[1].Value, out _), $"unknown event in: {command}");
            }
        }
    }

    [Fact]
    public void ImplementationKeys_EveryKeyOfTheSchema_IsInTheReadmeTable()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "schemas", "specs.config.schema.json")))!;
        var block = schema["properties"]!["implementation"]!["properties"]!.AsObject();
        var keys = block.Select(pair => pair.Key)
            .Concat(block["pull_request"]!["properties"]!.AsObject().Select(pair => "pull_request." + pair.Key));

        foreach (var key in keys.Where(key => key != "pull_request"))
        {
            Assert.Contains($"| `{key}` |", Readme, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<(int Line, string Code)> CodeBlocks(string language)
    {
        var lines = Readme.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].TrimEnd() != "```" + language)
            {
                continue;
            }

            var start = index + 1;
            var end = Array.FindIndex(lines, start, line => line.TrimEnd() == "```");
            yield return (start + 1, string.Join('\n', lines[start..end]) + "\n");
            index = end;
        }
    }

    [GeneratedRegex(@"^(specs|notifications|integrations|implementation):", RegexOptions.Multiline)]
    private static partial Regex ConfigKey();

    [GeneratedRegex(@"^  ([a-z_]+):\s*$", RegexOptions.Multiline)]
    private static partial Regex IntegrationKey();

    [GeneratedRegex(@"\./build\.(sh|ps1)[^\n`]*")]
    private static partial Regex BuildCommand();

    [GeneratedRegex(@"--target=(\w+)")]
    private static partial Regex TargetArgument();

    [GeneratedRegex(@"--event=(\w+)")]
    private static partial Regex EventArgument();
}
