using SpecCake.Checks;
using SpecCake.Configuration;
using SpecCake.Trackers;

namespace SpecCake.Integrations.AzureDevOps;

/// <summary>Azure DevOps Boards (<c>AZURE_DEVOPS_PAT</c>): specs mirrored into work items of a project.</summary>
internal sealed class AzureDevOpsIntegration : IntegrationDescriptor<AzureDevOpsOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "azure_devops";

    /// <summary>The personal access token (Work Items: read and write).</summary>
    public static readonly SecretVariable Pat = new("AZURE_DEVOPS_PAT", "personal access token (Work Items: read and write)");

    /// <summary>The organization, when <c>organization</c> is not written.</summary>
    public static readonly SecretVariable Organization = new("AZURE_DEVOPS_ORG", "organization, when organization is absent", IsCredential: false);

    /// <summary>The project, when <c>project</c> is not written.</summary>
    public static readonly SecretVariable Project = new("AZURE_DEVOPS_PROJECT", "project, when project is absent", IsCredential: false);

    public static AzureDevOpsIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        organization: "${AZURE_DEVOPS_ORG}"
        project: "${AZURE_DEVOPS_PROJECT}"
        work_item_type: "User Story"
        # area_path: "your-project\\Team"
        # iteration_path: "your-project\\Sprint 1"
        """;

    public override IntegrationKind Kind => IntegrationKind.Tracker;

    public override IReadOnlyList<string> Settings => ["organization", "project", "work_item_type", "area_path", "iteration_path", "state_mappings"];

    public override IReadOnlyList<SecretVariable> Variables => [Pat, Organization, Project];

    protected override AzureDevOpsOptions BindOptions(ConfigBlock block)
    {
        var d = new AzureDevOpsOptions();
        return d with
        {
            Organization = block.Text("organization") ?? block.Environment(Organization),
            Project = block.Text("project") ?? block.Environment(Project),
            WorkItemType = block.Text("work_item_type") ?? d.WorkItemType,
            AreaPath = block.Text("area_path"),
            IterationPath = block.Text("iteration_path"),
            StateMappings = block.Map("state_mappings"),
        };
    }

    protected override void CheckSecrets(AzureDevOpsOptions options, SecretCheck check)
    {
        check.Require(Pat);
        SettingOrVariable(options.Organization, "organization", Organization, check);
        SettingOrVariable(options.Project, "project", Project, check);
    }

    private static void SettingOrVariable(string? value, string key, SecretVariable variable, SecretCheck check)
    {
        if (string.IsNullOrWhiteSpace(value) && check.Get(variable) is null)
        {
            check.Missing(variable, $"integrations.{ConfigKey} is enabled but has no {key}: set {key} or the {variable.Name} secret");
        }
        else
        {
            check.Optional(variable);
        }
    }

    protected override ITracker CreateTracker(AzureDevOpsOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask) =>
        new AzureDevOpsTracker(options, environment, syncOptions, mask);

    protected override IReadOnlyList<IIntegrationCheck> Checks(AzureDevOpsOptions options) => AzureDevOpsChecks.For(options);
}
