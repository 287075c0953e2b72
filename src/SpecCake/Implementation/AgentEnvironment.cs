using SpecCake.Configuration;

namespace SpecCake.Implementation;

/// <summary>
/// The environment the agent and the verify commands run with: the task's own, without the
/// credentials SpecCake holds for its integrations and the pull request. The agent follows a
/// prompt built from spec text anyone can write, and the verify commands run code the agent
/// wrote, so neither gets a webhook URL, a tracker token or <c>GITHUB_TOKEN</c>; only the agent
/// keeps <c>ANTHROPIC_API_KEY</c>, which it needs.
/// </summary>
internal static class AgentEnvironment
{
    /// <summary>The agent's key to the Anthropic API.</summary>
    public const string AnthropicApiKey = SecretNames.AnthropicApiKey;

    /// <summary>The environment without SpecCake's credentials.</summary>
    /// <param name="environment">The task's environment.</param>
    /// <param name="credentialValues">Further secret values (e.g. interpolated into the config): a variable holding one is left out too.</param>
    /// <param name="keepAnthropicKey">Whether <c>ANTHROPIC_API_KEY</c> stays (the agent) or goes (verify commands).</param>
    public static Dictionary<string, string?> Scrub(
        IReadOnlyDictionary<string, string?> environment, IReadOnlyCollection<string> credentialValues, bool keepAnthropicKey)
    {
        var credentials = new HashSet<string>(credentialValues.Where(value => value.Length >= 3), StringComparer.Ordinal);
        var names = new HashSet<string>(SecretNames.Credentials, StringComparer.Ordinal);
        var scrubbed = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            var leave = name == AnthropicApiKey
                ? !keepAnthropicKey
                : names.Contains(name)
                || (name.StartsWith("ACTIONS_", StringComparison.Ordinal) && (name.EndsWith("_TOKEN", StringComparison.Ordinal) || name.EndsWith("_URL", StringComparison.Ordinal)))
                || (value is not null && credentials.Contains(value));
            if (!leave)
            {
                scrubbed[name] = value;
            }
        }

        return scrubbed;
    }
}
