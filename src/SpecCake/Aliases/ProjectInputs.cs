using Cake.Core;
using SpecCake.Configuration;
using SpecCake.Specs;

namespace SpecCake.Aliases;

/// <summary>
/// Reads what NotifySpecEvent, TestIntegrations and SyncTrackers work from: the validated
/// configuration and the specs it points at. Invalid configuration stops the task with every
/// error listed (file:line:column), as ValidateSpecs would print them.
/// </summary>
internal static class ProjectInputs
{
    /// <summary>Loads and validates the configuration file.</summary>
    /// <param name="path">The full path of <c>specs.config.yaml</c>.</param>
    /// <param name="environment">Environment variables (secrets and <c>${VAR}</c> values).</param>
    /// <returns>The configuration and every credential value to mask.</returns>
    /// <exception cref="CakeException">The file is missing or invalid.</exception>
    public static (SpecCakeConfig Config, IReadOnlyCollection<string> Secrets) LoadConfig(
        string path, IReadOnlyDictionary<string, string?> environment)
    {
        var variables = EnvironmentVariables.FromDictionary(environment
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal));
        var loaded = SpecCakeConfigLoader.Load(path, variables);
        if (!loaded.IsValid)
        {
            // One line: a task's error reaches the log as one line (a line break would be escaped
            // there), so the first few errors are listed in it and ValidateSpecs shows them all.
            const int Shown = 3;
            var more = loaded.Errors.Count > Shown ? $"; ... and {loaded.Errors.Count - Shown} more" : string.Empty;
            throw new CakeException(
                $"{loaded.Errors.Count} configuration error(s); run ValidateSpecs for details: "
                + string.Join("; ", loaded.Errors.Take(Shown)) + more);
        }

        return (loaded.Config!, loaded.Secrets.CredentialValues);
    }

    /// <summary>The valid specs the configuration points at; invalid files are ValidateSpecs' business.</summary>
    /// <param name="config">The loaded configuration.</param>
    public static IReadOnlyList<Spec> LoadSpecs(SpecCakeConfig config) => SpecCatalog.Load(config).Specs;
}
