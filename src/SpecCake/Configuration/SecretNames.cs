using SpecCake.Integrations;

namespace SpecCake.Configuration;

/// <summary>
/// The environment variables that hold secrets. SpecCake's own (<c>ANTHROPIC_API_KEY</c>,
/// <c>GITHUB_TOKEN</c>) are named here; each integration names its own in its descriptor
/// (<c>Integrations/&lt;Name&gt;/&lt;Name&gt;Integration.cs</c>). Their values are masked in every output.
/// </summary>
public static class SecretNames
{
    /// <summary>Anthropic API key: Claude Code's, for ImplementSpec with <c>agent: claude-code</c>.</summary>
    public const string AnthropicApiKey = "ANTHROPIC_API_KEY";

    /// <summary>GitHub token: ImplementSpec's pull request, and GitHub Projects.</summary>
    public const string GitHubToken = "GITHUB_TOKEN";

    /// <summary>
    /// The variables whose values are credentials and are masked as <c>***</c> in every output:
    /// SpecCake's own and every integration's. Identifiers an integration may also read from the
    /// environment (a site URL, an organization, a project, an SMTP host, an email) are not masked:
    /// masking a short common word such as a project name would garble every line.
    /// </summary>
    public static IReadOnlyList<string> Credentials { get; } =
        [AnthropicApiKey, GitHubToken, .. IntegrationCatalog.CredentialNames.Where(name => name is not (AnthropicApiKey or GitHubToken))];
}
