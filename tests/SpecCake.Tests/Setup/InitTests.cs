using Cake.Core;
using Cake.Core.Diagnostics;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Integrations;
using SpecCake.Setup;
using SpecCake.Tests.Configuration;
using SpecCake.Tests.Specs.Changes;
using SpecCake.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace SpecCake.Tests.Setup;

/// <summary>Init in a repository, as the alias runs it: what it writes, what it says, what it never touches.</summary>
public sealed class InitTests
{
    private static readonly string[] SlackJiraWebhooks = ["slack", "jira", "webhooks"];

    [Fact]
    public void Init_EmptyRepositoryWithSlackJiraWebhooks_WritesTheFilesThatValidateAndNamesExactlyTheirSecrets()
    {
        using var repository = SpecRepository.Init();
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?>());

        context.Init(new InitSettings { Integrations = ["slack,jira,webhooks"] });

        foreach (var path in new[] { "specs.config.yaml", "specs/features/FEAT-0001.yaml", ".github/workflows/specs.yml", "schemas/spec.schema.json", "schemas/specs.config.schema.json", ".config/dotnet-tools.json" })
        {
            Assert.True(File.Exists(Path.Combine(repository.Path, path)), path);
        }

        Assert.Equal(
            ["gh secret set SLACK_WEBHOOK_URL", "gh secret set WEBHOOK_TOKEN", "gh secret set WEBHOOK_SECRET_ANALYTICS", "gh secret set JIRA_API_TOKEN", "gh secret set JIRA_EMAIL", "gh secret set JIRA_BASE_URL"],
            context.Lines.All.Select(line => line.Text.Trim()).Where(text => text.StartsWith("gh secret set", StringComparison.Ordinal)));
        var validate = new TestCakeContext(repository.Path, new Dictionary<string, string?>());
        validate.ValidateSpecs();
        Assert.Contains(validate.Lines.All, line => line.Text == "1 spec file(s) and specs.config.yaml are valid.");
        var loaded = SpecCakeConfigLoader.Load(Path.Combine(repository.Path, "specs.config.yaml"), "specs.config.yaml", TestConfig.Environment(), specPathsRead: null, secretsRequired: false);
        Assert.Equal(["slack", "webhooks", "jira"], IntegrationCatalog.All.Where(descriptor => descriptor.IsEnabled(loaded.Config!)).Select(descriptor => descriptor.Key));
        Assert.Contains(context.Lines.All, line => line.Text.StartsWith("wrote ", StringComparison.Ordinal) && line.Text.Contains(".github/workflows/specs.yml", StringComparison.Ordinal));
        Assert.Contains(context.Lines.All, line => line.Text.Contains("--target=CheckIntegrations", StringComparison.Ordinal));
    }

    [Fact]
    public void Init_Twice_SecondRunChangesNoByteAndSaysSo()
    {
        using var repository = SpecRepository.Init();
        new TestCakeContext(repository.Path, new Dictionary<string, string?>()).Init(new InitSettings { Integrations = SlackJiraWebhooks, Agent = "claude-code" });
        var before = Snapshot(repository.Path);
        var again = new TestCakeContext(repository.Path, new Dictionary<string, string?>());

        again.Init(new InitSettings { Integrations = SlackJiraWebhooks, Agent = "claude-code" });

        Assert.Equal(before, Snapshot(repository.Path));
        Assert.Contains(again.Lines.All, line => line.Text == "Init changed nothing: every file is already there.");
        Assert.Contains(again.Lines.All, line => line.Text.StartsWith("left alone", StringComparison.Ordinal) && line.Text.Contains("specs.config.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain(again.Lines.All, line => line.Text.StartsWith("wrote ", StringComparison.Ordinal));
    }

    [Fact]
    public void Init_AFileThatIsThere_IsLeftAloneAndTheRestWritten()
    {
        using var repository = SpecRepository.Init().Write("specs.config.yaml", "# mine\nspecs:\n  paths: [\"specs/**/*.yaml\"]\n");
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?>());

        context.Init(new InitSettings { Integrations = ["slack"] });

        Assert.Equal("# mine\nspecs:\n  paths: [\"specs/**/*.yaml\"]\n", File.ReadAllText(Path.Combine(repository.Path, "specs.config.yaml")));
        Assert.True(File.Exists(Path.Combine(repository.Path, ".github/workflows/specs.yml")));
        Assert.Contains(context.Lines.All, line => line.Text == "left alone  specs.config.yaml (already there)");
    }

    [Fact]
    public void Init_UnknownIntegration_RefusedListingTheValidNamesAndWritesNothing()
    {
        using var repository = SpecRepository.Init();
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?>());

        var error = Assert.Throws<CakeException>(() => context.Init(new InitSettings { Integrations = ["slak"] }));

        Assert.Equal(
            "--integrations: unknown integration slak (did you mean slack?); valid names: slack, teams, discord, email, webhooks, pagerduty, opsgenie, datadog, new_relic, sentry, jira, linear, azure_devops, github_projects.",
            error.Message);
        Assert.Equal([".git"], Directory.EnumerateFileSystemEntries(repository.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Init_UnknownAgent_RefusedNamingTheValidOne()
    {
        using var repository = SpecRepository.Init();

        var error = Assert.Throws<CakeException>(() => new TestCakeContext(repository.Path, new Dictionary<string, string?>()).Init(new InitSettings { Agent = "copilot" }));

        Assert.Equal("--agent: unknown agent 'copilot'; valid: claude-code (or leave it out: no ImplementSpec).", error.Message);
    }

    [Fact]
    public void Init_DryRun_PrintsTheFilesAndWritesNothing()
    {
        using var repository = SpecRepository.Init();
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?>(), "dryrun");

        context.Init(InitSettings.FromArguments(context.Arguments));

        Assert.Equal([".git"], Directory.EnumerateFileSystemEntries(repository.Path).Select(Path.GetFileName));
        Assert.Contains(context.Lines.All, line => line.Text == "Init would write specs.config.yaml (the configuration):");
        Assert.Contains(context.Lines.All, line => line.Text == "  | name: specs");
        Assert.Contains(context.Lines.All, line => line.Text.StartsWith("Init --dryrun: ", StringComparison.Ordinal) && line.Text.EndsWith("would be written; nothing was.", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Init_FolderThatLeadsOutOfTheRepository_IsNotWrittenThrough()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links to folders need privileges on Windows");
        using var repository = SpecRepository.Init();
        using var outside = SpecRepository.Init();
        Directory.CreateSymbolicLink(Path.Combine(repository.Path, ".github"), outside.Path);

        var error = Assert.Throws<CakeException>(() => new TestCakeContext(repository.Path, new Dictionary<string, string?>()).Init(new InitSettings { Integrations = ["slack"] }));

        Assert.Equal("Init: .github/workflows/specs.yml was not written: .github leads out of the repository.", error.Message);
        Assert.Equal([".git"], Directory.EnumerateFileSystemEntries(outside.Path).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(repository.Path, "specs.config.yaml")));
    }

    [Theory]
    [InlineData("slack,jira,webhooks", null)]
    [InlineData("slack,jira,webhooks", "claude-code")]
    [InlineData("teams,discord,email,pagerduty,opsgenie,datadog,new_relic,sentry", "claude-code")]
    [InlineData("linear,azure_devops,github_projects", null)]
    [InlineData("", null)]
    public void Workflow_ForAChoice_EveryJobPassesWhatItsCommandsNeedAndOnlyTheChosenSecrets(string integrations, string? agent)
    {
        var choice = SetupChoice.Parse(integrations.Split(','), agent is not null);
        var config = Load(SetupTemplates.Config(choice));
        Assert.Empty(config.Errors.Select(error => error.ToString()));
        var workflow = WorkflowSecrets.Parse(SetupTemplates.Workflow(choice));
        var problems = new List<string>();

        var commands = WorkflowSecrets.Check(config.Config!, config.MissingSecrets, $"Init({integrations}, {agent})", workflow, problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(commands >= (agent is null ? 2 : 4), $"commands checked: {commands}");
        var allowed = choice.Secrets().Concat(agent is null ? [] : [SecretNames.AnthropicApiKey, SecretNames.GitHubToken]).ToHashSet(StringComparer.Ordinal);
        foreach (var (job, secrets) in WorkflowSecrets.SecretsByJob(workflow))
        {
            Assert.True(secrets.All(allowed.Contains), $"{job} passes {string.Join(", ", secrets.Where(name => !allowed.Contains(name)))}, which no chosen integration needs");
        }

        Assert.Equal(choice.HasTrackers, ((YamlMappingNode)WorkflowSecrets.Child(workflow, "jobs")!).Children.ContainsKey(new YamlScalarNode("trackers")));
        Assert.Equal(agent is not null, ((YamlMappingNode)WorkflowSecrets.Child(workflow, "jobs")!).Children.ContainsKey(new YamlScalarNode("review")));
    }

    [Fact]
    public void SetupBlocks_EveryIntegrationsTogether_ValidWithTheirSecretsAndOnlyMissingSecretsWithout()
    {
        var text = SetupTemplates.Config(SetupChoice.Everything);

        var withSecrets = Load(text, TestConfig.AllSecrets());
        var without = Load(text);

        Assert.Empty(withSecrets.Errors.Select(error => error.ToString()));
        Assert.Empty(withSecrets.MissingSecrets);
        Assert.Empty(without.Errors.Select(error => error.ToString()));
        Assert.Equal(
            SetupChoice.Everything.Integrations.SelectMany(SetupChoice.SecretsOf).Where(name => !SetupChoice.IsGitHubs(name)).Order(StringComparer.Ordinal),
            SetupChoice.Everything.RepositorySecrets.Where(name => name != SecretNames.AnthropicApiKey).Order(StringComparer.Ordinal));
        Assert.All(IntegrationCatalog.All, descriptor => Assert.True(descriptor.IsEnabled(withSecrets.Config!), descriptor.Key));
    }

    [Fact]
    public void Files_SchemasAndLaunchers_AreTheRepositorysOwnByteForByte()
    {
        var root = TestConfig.RepositoryRoot();
        var files = RepositorySetup.Files(SetupChoice.Everything, Path.GetTempPath()).ToDictionary(file => file.Path, file => file.Content, StringComparer.Ordinal);

        Assert.Equal(File.ReadAllText(Path.Combine(root, "schemas", "spec.schema.json")).ReplaceLineEndings("\n"), files["schemas/spec.schema.json"]);
        Assert.Equal(File.ReadAllText(Path.Combine(root, "schemas", "specs.config.schema.json")).ReplaceLineEndings("\n"), files["schemas/specs.config.schema.json"]);
        var launchers = Path.Combine(root, "build", "launchers");
        foreach (var launcher in Directory.Exists(launchers) ? Directory.EnumerateFiles(launchers, "speccake.*") : [])
        {
            Assert.Equal(File.ReadAllText(launcher).ReplaceLineEndings("\n"), files[Path.GetFileName(launcher)]);
        }
    }

    [Fact]
    public void Readme_QuickSetupOutput_IsWhatInitPrintsForItsCommand()
    {
        var readme = File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("## Quick setup", StringComparison.Ordinal)..readme.IndexOf("## Tasks", StringComparison.Ordinal)];
        var command = section.Split('\n').First(line => line.StartsWith("dotnet speccake --target=Init", StringComparison.Ordinal));
        var block = section[(section.IndexOf("```text", StringComparison.Ordinal) + 7)..];
        var shown = block[..block.IndexOf("```", StringComparison.Ordinal)].Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && line != "...").ToList();
        using var repository = SpecRepository.Init();
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?>(), [.. command.Split("  #")[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(argument => argument.TrimStart('-'))]);

        context.Init(InitSettings.FromArguments(context.Arguments));

        var printed = context.Lines.All.Select(line => line.Text.Trim()).ToList();
        Assert.True(shown.Count >= 10, string.Join("\n", shown));
        Assert.All(shown, line => Assert.Contains(line, printed));
        Assert.Equal(
            shown.Where(line => line.StartsWith("gh secret set", StringComparison.Ordinal)),
            printed.Where(line => line.StartsWith("gh secret set", StringComparison.Ordinal)));
    }

    /// <summary>Reads a configuration Init wrote, beside its sample spec, as a task does (a missing secret is listed, not an error).</summary>
    private static ConfigLoadResult Load(string text, Dictionary<string, string>? secrets = null)
    {
        using var tree = new SpecRepository().Write("specs.config.yaml", text).Write(SetupTemplates.SamplePath, SetupTemplates.SampleSpec());
        return SpecCakeConfigLoader.Load(tree.ConfigPath, "specs.config.yaml", TestConfig.Environment(secrets), specPathsRead: null, secretsRequired: false);
    }

    private static SortedDictionary<string, string> Snapshot(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetRelativePath(root, path), path => Convert.ToHexString(File.ReadAllBytes(path)) + File.GetLastWriteTimeUtc(path).Ticks), StringComparer.Ordinal);
}
