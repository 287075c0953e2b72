using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace SpecCake.AddinTests;

/// <summary>
/// The CI workflows of this repository and the copy-paste snippets of docs/use-in-your-repo.md:
/// they must parse, have the shape their CI system needs, and call only targets and arguments
/// that exist (docs/design/contract.md#command-line), since a user pastes them as they are.
/// </summary>
public sealed partial class WorkflowTests
{
    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.y*ml").Order())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_InThisRepository_IsAValidGitHubActionsWorkflow(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", name));

        var root = ParseYaml(text, name);

        AssertGitHubWorkflow(root, name);
        AssertInvocationsExist(text, name);
    }

    [Fact]
    public void Workflows_OfThisRepository_ValidateOnPullRequestsAndDetectOnPushesToMain()
    {
        var all = string.Join("\n", Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.y*ml").Select(File.ReadAllText));
        var invocations = BuildInvocation.FindAll(all).ToArray();

        Assert.Contains(invocations, i => i.Value("target") == "ValidateSpecs");
        var detect = Assert.Single(invocations, i => i.Value("target") == "DetectSpecEvents");
        Assert.Equal("$BEFORE", detect.Value("base"));
        Assert.Contains("BEFORE: ${{ github.event.before }}", all);
        Assert.Contains("dotnet tool restore", all);
        Assert.Contains("bash .ci/run", all);
    }

    [Fact]
    public void DocsPage_EveryYamlBlock_ParsesAndWorkflowsHaveTheirShape()
    {
        var blocks = DocsPage.CodeBlocks("yaml").ToArray();

        Assert.True(blocks.Length >= 6, $"expected the workflow, pipeline and editor snippets, found {blocks.Length} YAML blocks");
        var workflows = 0;
        var pipelines = 0;
        foreach (var (line, code) in blocks)
        {
            var root = ParseYaml(code, $"use-in-your-repo.md:{line}");
            if (root.Children.ContainsKey(new YamlScalarNode("jobs")))
            {
                AssertGitHubWorkflow(root, $"use-in-your-repo.md:{line}");
                workflows++;
            }
            else if (root.Children.ContainsKey(new YamlScalarNode("steps")))
            {
                AssertAzurePipeline(root, $"use-in-your-repo.md:{line}");
                pipelines++;
            }
        }

        Assert.True(workflows >= 4, $"GitHub Actions workflows in the docs: {workflows}");
        Assert.Equal(1, pipelines);
    }

    [Fact]
    public void StateDirectory_WhereverItIsCached_IsSavedEvenAfterAFailedDelivery()
    {
        // actions/cache saves only when the job succeeded: a re-run after a failed delivery would
        // not know what was already delivered, and would send it all again.
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.y*ml")
            .Select(file => (Where: Path.GetFileName(file), Text: File.ReadAllText(file)))
            .Concat(DocsPage.CodeBlocks("yaml").Select(block => (Where: $"use-in-your-repo.md:{block.Line}", Text: block.Code)));
        var cached = 0;
        foreach (var (where, text) in sources.Where(source => source.Text.Contains("path: .speccake", StringComparison.Ordinal)))
        {
            cached++;
            Assert.DoesNotContain("uses: actions/cache@", text, StringComparison.Ordinal);
            Assert.Matches(@"uses: actions/cache/restore@v4(?:[ ]+#[^\n]*)?\s+with:\s+path: \.speccake\s+key: speccake-state-\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}", text);
            Assert.True(
                SaveAlways().IsMatch(text),
                $"{where}: .speccake is restored but not saved with actions/cache/save and if: always()");
        }

        Assert.True(cached >= 3, $"expected the state directory cached in specs.yml and in the docs' detect and implement workflows, found {cached}");
    }

    [Fact]
    public void DocsPage_EveryBuildInvocation_UsesTargetsAndArgumentsOfTheContract()
    {
        var text = DocsPage.Text;

        var invocations = BuildInvocation.FindAll(text).ToArray();

        Assert.True(invocations.Length >= 10, $"found {invocations.Length} invocations");
        AssertInvocationsExist(text, "use-in-your-repo.md");
        foreach (var target in new[] { "ValidateSpecs", "NotifySpecEvent", "SyncTrackers", "DetectSpecEvents", "ImplementSpec" })
        {
            Assert.Contains(invocations, i => i.Value("target") == target);
        }
    }

    [Fact]
    public void DocsPage_ToolComesFirstThenRecipeThenAliases()
    {
        var text = DocsPage.Text;

        var tool = text.IndexOf("## Way 1: the dotnet tool", StringComparison.Ordinal);
        var recipe = text.IndexOf("## Way 2: the Cake recipe", StringComparison.Ordinal);
        var aliases = text.IndexOf("## Way 3: the addin's aliases", StringComparison.Ordinal);

        Assert.True(tool >= 0 && tool < recipe && recipe < aliases, "the tool, then the recipe, then the aliases");
        Assert.DoesNotContain("Cake.Frosting", text);
        Assert.DoesNotContain("dotnet run", text);
        Assert.All(BuildInvocation.FindAll(text[..recipe]), i => Assert.Matches(@"^(?:dotnet speccake|\./speccake\.sh|\./speccake\.ps1)\b", i.Text));
    }

    [SkippableTheory]
    [MemberData(nameof(Workflows))]
    public async Task Workflow_InThisRepository_PassesActionlint(string name)
    {
        var findings = await Actionlint.LintAsync(Path.Combine(RepositoryRoot.Path, ".github", "workflows", name));

        Assert.True(findings.Length == 0, string.Join("\n", findings));
    }

    [SkippableFact]
    public async Task DocsPage_EveryWorkflow_PassesActionlint()
    {
        using var folder = new TempFolder("docs-workflows");
        var directory = folder.Path;
        var files = new List<string>();
        foreach (var (line, code) in DocsPage.CodeBlocks("yaml").Where(b => b.Code.Contains("\njobs:", StringComparison.Ordinal)))
        {
            var file = Path.Combine(directory, $"use-in-your-repo.md-line-{line}.yml");
            await File.WriteAllTextAsync(file, code + "\n");
            files.Add(file);
        }

        var findings = await Actionlint.LintAsync([.. files]);

        Assert.True(files.Count >= 4, $"workflows found: {files.Count}");
        Assert.True(findings.Length == 0, string.Join("\n", findings));
    }

    [Fact]
    public void Workflows_JobsThatNotifyOrSyncTrackers_RunInAConcurrencyGroupWithoutCancelling()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.y*ml")
            .Select(file => (Where: Path.GetFileName(file), Code: File.ReadAllText(file)))
            .Concat(DocsPage.CodeBlocks("yaml").Where(b => b.Code.Contains("\njobs:", StringComparison.Ordinal)).Select(b => (Where: $"use-in-your-repo.md:{b.Line}", b.Code)));
        var checkedJobs = 0;
        foreach (var (where, code) in sources)
        {
            var root = ParseYaml(code, where);
            var jobs = (YamlMappingNode)root.Children[new YamlScalarNode("jobs")];
            foreach (var (name, node) in jobs.Children)
            {
                var job = (YamlMappingNode)node;
                var steps = string.Join("\n", ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Select(step => step.ToString()));
                if (!BuildInvocation.FindAll(steps).Any(i => i.Value("target") is "NotifySpecEvent" or "DetectSpecEvents" or "SyncTrackers" or "ImplementSpec"))
                {
                    continue;
                }

                var concurrency = job.Children.TryGetValue(new YamlScalarNode("concurrency"), out var own) ? own
                    : root.Children.TryGetValue(new YamlScalarNode("concurrency"), out var shared) ? shared
                    : null;
                var group = Assert.IsType<YamlMappingNode>(concurrency, exactMatch: false);
                Assert.True(group.Children.ContainsKey(new YamlScalarNode("group")), $"{where}: job {name} has no concurrency group");
                Assert.Equal("false", group.Children[new YamlScalarNode("cancel-in-progress")].ToString());
                checkedJobs++;
            }
        }

        Assert.True(checkedJobs >= 5, $"jobs checked: {checkedJobs}");
    }

    [Fact]
    public void DocsPage_JsonAndXmlBlocks_Parse()
    {
        foreach (var (line, code) in DocsPage.CodeBlocks("json"))
        {
            using var _ = JsonDocument.Parse(code);
        }

        foreach (var (line, code) in DocsPage.CodeBlocks("xml"))
        {
            var project = XDocument.Parse(code);
            Assert.Contains(project.Descendants("PackageReference"), e => (string?)e.Attribute("Include") == "SpecCake");
        }
    }

    [Fact]
    public void DocsPage_AliasTable_NamesAliasesAndSettingsPropertiesThatExist()
    {
        var aliasSources = string.Join("\n", Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src", "SpecCake", "Aliases"), "*.cs").Select(File.ReadAllText));
        var rows = AliasRow().Matches(DocsPage.Text);

        Assert.Equal(7, rows.Count);
        foreach (Match row in rows)
        {
            var alias = row.Groups["alias"].Value;
            Assert.Matches($@"public static \S+ {alias}\(this ICakeContext context, {row.Groups["settings"].Value} settings\)", aliasSources);
            foreach (var property in row.Groups["properties"].Value.Split(',', StringSplitOptions.TrimEntries))
            {
                Assert.Matches($@"public \S+ {property} \{{ get; set; \}}", aliasSources);
            }
        }
    }

    [Fact]
    public void DocsPage_CakeScript_ImportsTheAddinWithItsDependencies()
    {
        var script = Assert.Single(DocsPage.CodeBlocks("csharp"), b => b.Code.Contains("#addin")).Code;

        Assert.Matches(@"#addin nuget:\?package=SpecCake&version=[^&\s]+&loaddependencies=true", script);
        foreach (var alias in new[] { "ValidateSpecs()", "NotifySpecEvent(", "SyncTrackers()", "DetectSpecEvents(", "ImplementSpec(" })
        {
            Assert.Contains(alias, script);
        }
    }

    private static YamlMappingNode ParseYaml(string text, string where)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var document = Assert.Single(stream.Documents);
        return Assert.IsType<YamlMappingNode>(document.RootNode, exactMatch: false);
    }

    private static void AssertGitHubWorkflow(YamlMappingNode root, string where)
    {
        Assert.True(root.Children.ContainsKey(new YamlScalarNode("on")), $"{where}: no 'on' trigger");
        var jobs = Assert.IsType<YamlMappingNode>(root.Children[new YamlScalarNode("jobs")]);
        Assert.NotEmpty(jobs.Children);
        foreach (var (name, node) in jobs.Children)
        {
            var job = Assert.IsType<YamlMappingNode>(node);
            Assert.True(job.Children.ContainsKey(new YamlScalarNode("runs-on")), $"{where}: job {name} has no runs-on");
            var steps = Assert.IsType<YamlSequenceNode>(job.Children[new YamlScalarNode("steps")]);
            foreach (var step in steps.Children.Cast<YamlMappingNode>())
            {
                var kinds = step.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value).Where(k => k is "uses" or "run").ToArray();
                Assert.True(kinds.Length == 1, $"{where}: job {name} has a step with neither or both of uses/run");
            }
        }
    }

    private static void AssertAzurePipeline(YamlMappingNode root, string where)
    {
        var steps = Assert.IsType<YamlSequenceNode>(root.Children[new YamlScalarNode("steps")]);
        foreach (var step in steps.Children.Cast<YamlMappingNode>())
        {
            var kinds = step.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value).Where(k => k is "task" or "script" or "bash" or "pwsh" or "checkout").ToArray();
            Assert.True(kinds.Length == 1, $"{where}: a step with no single task/script/bash/pwsh/checkout");
        }
    }

    private static void AssertInvocationsExist(string text, string where)
    {
        foreach (var invocation in BuildInvocation.FindAll(text))
        {
            foreach (var (name, value) in invocation.Options)
            {
                Assert.True(CommandLineVocabulary.Options.Contains(name), $"{where}: '{invocation.Text}' passes --{name}, which the command line does not have");
            }

            var target = invocation.Value("target") ?? invocation.Value("t");
            Assert.True(target is null || CommandLineVocabulary.Targets.Contains(target), $"{where}: '{invocation.Text}' runs unknown target {target}");
            var eventName = invocation.Value("event");
            Assert.True(eventName is null || CommandLineVocabulary.Events.Contains(eventName), $"{where}: '{invocation.Text}' sends unknown event {eventName}");
        }
    }

    [GeneratedRegex(@"^\| `(?<alias>\w+)` \| `(?<settings>\w+Settings) \{ (?<properties>[^}]+) \}` \|", RegexOptions.Multiline)]
    private static partial Regex AliasRow();

    [GeneratedRegex(@"uses: actions/cache/save@v4(?:[ ]+#[^\n]*)?\s+if: always\(\)\s+with:\s+path: \.speccake")]
    private static partial Regex SaveAlways();
}
