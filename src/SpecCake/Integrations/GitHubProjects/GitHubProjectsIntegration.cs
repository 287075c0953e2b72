using SpecCake.Checks;
using SpecCake.Configuration;
using SpecCake.Trackers;

namespace SpecCake.Integrations.GitHubProjects;

/// <summary>GitHub Projects (<c>GITHUB_TOKEN</c> with the project scope): specs mirrored into a project's items.</summary>
internal sealed class GitHubProjectsIntegration : IntegrationDescriptor<GitHubProjectsOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "github_projects";

    /// <summary>A token that may write the project (the project scope).</summary>
    public static readonly SecretVariable Token = new(SecretNames.GitHubToken, "token with the project scope");

    public static GitHubProjectsIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        project_number: 1                # github.com/orgs/ORG/projects/NUMBER
        status_field: "Status"
        status_mappings:
          draft: "Backlog"
          review: "In Review"
          approved: "Ready"
          implemented: "Done"
        """;

    public override IntegrationKind Kind => IntegrationKind.Tracker;

    public override IReadOnlyList<string> Settings => ["project_number", "owner", "status_field", "status_mappings"];

    public override IReadOnlyList<SecretVariable> Variables => [Token];

    protected override GitHubProjectsOptions BindOptions(ConfigBlock block)
    {
        var d = new GitHubProjectsOptions();
        return d with
        {
            ProjectNumber = block.Int("project_number") ?? d.ProjectNumber,
            Owner = block.Text("owner"),
            StatusField = block.Text("status_field") ?? d.StatusField,
            StatusMappings = block.Map("status_mappings"),
        };
    }

    public override void CheckSettings(IntegrationBlock block) => block.RequireSetting("project_number", "the number in github.com/orgs/ORG/projects/NUMBER");

    protected override void CheckSecrets(GitHubProjectsOptions options, SecretCheck check) => check.Require(Token);

    protected override ITracker CreateTracker(GitHubProjectsOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask) =>
        new GitHubProjectsTracker(options, environment, syncOptions, mask);

    protected override IReadOnlyList<IIntegrationCheck> Checks(GitHubProjectsOptions options) => GitHubProjectsChecks.For(options);
}
