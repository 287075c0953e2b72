namespace SpecCake.Integrations.AzureDevOps;

/// <summary>
/// <c>integrations.azure_devops</c>; the token comes from <c>AZURE_DEVOPS_PAT</c>, and
/// <c>AZURE_DEVOPS_ORG</c>/<c>AZURE_DEVOPS_PROJECT</c> fill organization/project when not set here.
/// </summary>
public sealed record AzureDevOpsOptions : IntegrationOptions
{
    /// <summary><c>organization</c>.</summary>
    public string? Organization { get; init; }

    /// <summary><c>project</c>.</summary>
    public string? Project { get; init; }

    /// <summary><c>work_item_type</c>, e.g. <c>User Story</c>.</summary>
    public string WorkItemType { get; init; } = "User Story";

    /// <summary><c>area_path</c>.</summary>
    public string? AreaPath { get; init; }

    /// <summary><c>iteration_path</c>.</summary>
    public string? IterationPath { get; init; }

    /// <summary><c>state_mappings</c>: spec status → <c>System.State</c>.</summary>
    public IReadOnlyDictionary<string, string> StateMappings { get; init; } = new Dictionary<string, string>();
}
