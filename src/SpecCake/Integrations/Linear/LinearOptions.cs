namespace SpecCake.Integrations.Linear;

/// <summary><c>integrations.linear</c>; the key comes from <c>LINEAR_API_KEY</c>.</summary>
public sealed record LinearOptions : IntegrationOptions
{
    /// <summary><c>team_id</c>.</summary>
    public string? TeamId { get; init; }

    /// <summary><c>labels</c>: label names added to every issue.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary><c>state_mappings</c>: spec status → workflow state name.</summary>
    public IReadOnlyDictionary<string, string> StateMappings { get; init; } = new Dictionary<string, string>();
}
