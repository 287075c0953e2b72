namespace SpecCake.Integrations;

/// <summary>What every integration block of <c>specs.config.yaml</c> has.</summary>
public abstract record IntegrationOptions
{
    /// <summary><c>enabled</c>: nothing is sent, and no secret is required, unless this is true.</summary>
    public bool Enabled { get; init; }

    /// <summary>
    /// <c>api_url</c>: overrides the service's public base URL (EU regions, self-hosted servers,
    /// a local test server). Plain <c>http://</c> is accepted for loopback hosts only.
    /// </summary>
    public string? ApiUrl { get; init; }
}
