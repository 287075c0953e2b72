namespace SpecCake.Integrations.GitHubProjects;

/// <summary><c>integrations.github_projects</c> (Projects v2); the token comes from <c>GITHUB_TOKEN</c>.</summary>
public sealed record GitHubProjectsOptions : IntegrationOptions
{
    /// <summary><c>project_number</c>, from the project's URL.</summary>
    public int ProjectNumber { get; init; }

    /// <summary><c>owner</c>: organisation or user login; defaults to the owner in <c>GITHUB_REPOSITORY</c>.</summary>
    public string? Owner { get; init; }

    /// <summary><c>status_field</c>: the single-select field holding the status.</summary>
    public string StatusField { get; init; } = "Status";

    /// <summary><c>status_mappings</c>: spec status → option name of <see cref="StatusField"/>.</summary>
    public IReadOnlyDictionary<string, string> StatusMappings { get; init; } = new Dictionary<string, string>();
}
