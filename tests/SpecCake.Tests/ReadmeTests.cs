using System.Text.RegularExpressions;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Http;
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
        ["Default", "ValidateSpecs", "NotifySpecEvent", "SyncTrackers", "DetectSpecEvents", "TestIntegrations", "ImplementSpec", "Init", "CheckIntegrations"];

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
        using var folder = new TempFolder("readme");
        var directory = folder.Path;
        File.WriteAllText(Path.Combine(directory, "FEAT-0001.yaml"), yaml);

        var catalog = SpecCatalog.Load(directory, ["*.yaml"]);

        Assert.Empty(catalog.Errors.Select(error => error.ToString()));
        var spec = Assert.Single(catalog.Specs);
        Assert.Equal(["AC-1", "AC-2"], spec.AcceptanceCriteria.Select(criterion => criterion.Id));
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

    [Fact]
    public void DeliveryGuaranteeTable_SaysWhatEveryDeliveryDoes()
    {
        var rows = GuaranteeRow().Matches(Readme)
            .Select(row => (Targets: BacktickedName().Matches(row.Groups[1].Value).Select(name => name.Groups[1].Value).ToArray(), Guarantee: row.Groups[2].Value, Key: row.Groups[3].Value.Trim()))
            .ToList();
        var secrets = Tests.Integrations.IncidentTestData.Secrets();
        foreach (var (name, value) in TestConfig.AllSecrets().Where(secret => !secrets.ContainsKey(secret.Key)))
        {
            secrets[name] = value;
        }

        var config = EveryNotifier();
        var context = new SpecCake.Delivery.NotifierContext(config, secrets, SpecCake.Http.RetryPolicy.Default, new SecretMasker());
        var deliveries = SpecCake.Delivery.NotifierCatalog.All
            .Where(notifier => notifier.IsEnabled(config))
            .SelectMany(notifier => notifier.Plan(Delivery.TestData.Event(SpecEventKind.ImplementationFailed), context))
            .ToList();

        Assert.Equal(11, deliveries.Count);
        var used = new HashSet<int>();
        foreach (var delivery in deliveries)
        {
            var index = rows.FindIndex(row => row.Targets.Contains(delivery.Target) || (delivery.Target.StartsWith("webhooks/", StringComparison.Ordinal) && row.Targets.Contains("webhooks/<name>")));
            Assert.True(index >= 0, $"the README's delivery guarantee table has no row for {delivery.Target}");
            used.Add(index);
            var (_, guarantee, key) = rows[index];
            Assert.Equal(delivery.Guarantee == SpecCake.Delivery.DeliveryGuarantee.AtLeastOnce ? "at-least-once" : "at-most-once", guarantee);
            Assert.StartsWith(delivery.DeduplicationKey is { } dedup ? $"`{dedup}`" : "none", key, StringComparison.Ordinal);
        }

        Assert.Equal(rows.Count, used.Count);
    }

    private static SpecCakeConfig EveryNotifier()
    {
        SpecEventKind[] failed = [SpecEventKind.ImplementationFailed];
        return Delivery.TestData.Config(new IntegrationsOptions
        {
            Slack = new SpecCake.Integrations.Slack.SlackOptions { Enabled = true, NotifyOn = failed },
            Teams = new SpecCake.Integrations.Teams.TeamsOptions { Enabled = true, NotifyOn = failed },
            Discord = new SpecCake.Integrations.Discord.DiscordOptions { Enabled = true, NotifyOn = failed },
            Email = new SpecCake.Integrations.Email.EmailOptions
            {
                Enabled = true,
                From = "specs@example.com",
                Recipients = new Dictionary<string, IReadOnlyList<string>> { ["implementation_failed"] = ["oncall@example.com"] },
            },
            Webhooks = new SpecCake.Integrations.Webhooks.WebhooksOptions { Enabled = true, Endpoints = [Delivery.TestData.Endpoint("ci", "https://ci.example.com/hook")] },
            PagerDuty = Tests.Integrations.IncidentTestData.PagerDuty(null),
            Opsgenie = Tests.Integrations.IncidentTestData.Opsgenie(null),
            Datadog = Tests.Integrations.IncidentTestData.Datadog(null),
            NewRelic = Tests.Integrations.IncidentTestData.NewRelic(null),
            Sentry = Tests.Integrations.IncidentTestData.Sentry(),
        });
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

    // A row of the "How delivery works" table: | `target`, ... | at-most-once | key or none |
    [GeneratedRegex(@"^\| ((?:`[^`]+`(?:, )?)+) \| (at-most-once|at-least-once) \| ([^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex GuaranteeRow();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex BacktickedName();
}
