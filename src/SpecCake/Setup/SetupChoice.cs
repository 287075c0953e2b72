using System.Text.RegularExpressions;
using SpecCake.Configuration;
using SpecCake.Integrations;

namespace SpecCake.Setup;

/// <summary>
/// What Init sets up: the chosen integrations (in the catalog's order) and whether ImplementSpec runs
/// with Claude Code; and what follows from them: the secrets each needs, for the workflow's
/// <c>env:</c> and the <c>gh secret set</c> lines.
/// </summary>
internal sealed partial record SetupChoice(IReadOnlyList<IntegrationDescriptor> Integrations, bool ClaudeCode)
{
    /// <summary>Everything: every integration and Claude Code (the shape of SpecCake's own workflow).</summary>
    public static SetupChoice Everything { get; } = new(IntegrationCatalog.All, ClaudeCode: true);

    /// <summary>Whether a tracker is among the chosen (the workflow then syncs them on pushes).</summary>
    public bool HasTrackers => Integrations.Any(descriptor => descriptor.Kind == IntegrationKind.Tracker);

    /// <summary>
    /// The chosen integrations from <c>--integrations</c>: names as in <c>specs.config.yaml</c>, any case.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the valid ones (and the likely one).</exception>
    public static SetupChoice Parse(IEnumerable<string> names, bool claudeCode)
    {
        var list = names.Select(name => name.Trim()).Where(name => name.Length > 0).ToList();
        var valid = IntegrationCatalog.All.Select(descriptor => descriptor.Key).ToList();
        var unknown = list.Where(name => !valid.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            var hints = unknown.Select(name => Validation.ClosestMatch.Find(name, valid) is { } meant ? $"{name} (did you mean {meant}?)" : name);
            throw new ArgumentException($"--integrations: unknown integration {string.Join(", ", hints)}; valid names: {string.Join(", ", valid)}.");
        }

        return new SetupChoice([.. IntegrationCatalog.All.Where(descriptor => list.Contains(descriptor.Key, StringComparer.OrdinalIgnoreCase))], claudeCode);
    }

    /// <summary>
    /// The environment variables an integration reads with the block Init writes: its descriptor's
    /// <see cref="IntegrationDescriptor.Variables"/>, then every <c>${NAME}</c> its block refers to.
    /// </summary>
    public static IReadOnlyList<string> SecretsOf(IntegrationDescriptor descriptor) =>
        [.. descriptor.Variables.Select(variable => variable.Name)
            .Concat(Reference().Matches(descriptor.SetupBlock).Select(match => match.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The secrets of the chosen integrations (of the trackers alone with <paramref name="trackersOnly"/>).</summary>
    public IReadOnlyList<string> Secrets(bool trackersOnly = false) =>
        [.. Integrations.Where(descriptor => !trackersOnly || descriptor.Kind == IntegrationKind.Tracker).SelectMany(SecretsOf).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The secrets to add to the repository: the chosen integrations', and Claude Code's key. Names that
    /// start with <c>GITHUB_</c> are GitHub's own (it refuses secrets so named): the workflow passes them.
    /// </summary>
    public IReadOnlyList<string> RepositorySecrets =>
        [.. (ClaudeCode ? new[] { SecretNames.AnthropicApiKey } : []).Concat(Secrets()).Where(name => !IsGitHubs(name)).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether GitHub provides the variable itself (<c>GITHUB_TOKEN</c>).</summary>
    public static bool IsGitHubs(string name) => name.StartsWith("GITHUB_", StringComparison.Ordinal);

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();
}
