using Cake.Core;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Integrations;
using SpecCake.Specs;

namespace SpecCake.Aliases;

/// <summary>
/// Reads what NotifySpecEvent, TestIntegrations, SyncTrackers, DetectSpecEvents and ImplementSpec
/// work from: the validated configuration and the specs it points at, and checks the secrets the
/// task needs (only those). Each problem is logged on its own line, at its place in the file, then
/// the task stops with one line saying how many.
/// </summary>
internal static class ProjectInputs
{
    /// <summary>Loads and validates the configuration file; missing secrets are listed, not yet errors.</summary>
    /// <param name="path">The full path of <c>specs.config.yaml</c>.</param>
    /// <param name="environment">Environment variables (secrets and <c>${VAR}</c> values).</param>
    /// <param name="log">Where each error is written.</param>
    /// <exception cref="CakeException">The file is missing or invalid.</exception>
    public static LoadedConfig LoadConfig(string path, IReadOnlyDictionary<string, string?> environment, IDeliveryLog log)
    {
        var loaded = SpecCakeConfigLoader.Load(path, path, environment, specPathsRead: null, secretsRequired: false);
        if (!loaded.IsValid)
        {
            // One error a line: the task's own error is one line, so the errors are written before it.
            foreach (var error in loaded.Errors)
            {
                log.Write(DeliveryLogLevel.Error, error.ToString());
            }

            throw new CakeException($"{loaded.Errors.Count} configuration error(s), listed above; run ValidateSpecs for details");
        }

        return new LoadedConfig(loaded.Config!, loaded.Secrets.CredentialValues, loaded.MissingSecrets);
    }

    /// <summary>
    /// The missing secrets of what the task uses. A real run stops on them, each named on its own line
    /// with where the configuration asks for it; a dry run goes on (its output shows placeholders) and
    /// lists them at its end (<see cref="ListMissing"/>).
    /// </summary>
    /// <param name="loaded">The configuration.</param>
    /// <param name="need">What the task uses.</param>
    /// <param name="task">The task's name, for the error.</param>
    /// <param name="dryRun">Whether nothing will be sent.</param>
    /// <param name="log">Where each missing secret is written.</param>
    /// <returns>The missing secrets the task needs (only ever non-empty in a dry run).</returns>
    /// <exception cref="CakeException">A secret the task needs is not set, and this is no dry run.</exception>
    public static IReadOnlyList<MissingSecret> RequireSecrets(LoadedConfig loaded, IntegrationNeed need, string task, bool dryRun, IDeliveryLog log)
    {
        var missing = loaded.Missing.Where(need.Needs).ToList();
        if (missing.Count == 0 || dryRun)
        {
            return missing;
        }

        foreach (var error in missing.Select(secret => secret.Error).OfType<Validation.ValidationError>().Distinct())
        {
            log.Write(DeliveryLogLevel.Error, error.ToString());
        }

        var names = missing.Select(secret => secret.Variable).Distinct(StringComparer.Ordinal).ToList();
        throw new CakeException($"{task}: the secret{(names.Count == 1 ? string.Empty : "s")} {Join(names)} {(names.Count == 1 ? "is" : "are")} not set (see above)");
    }

    /// <summary>The end of a dry run: each missing secret a real run would need, and the command that sets it.</summary>
    public static void ListMissing(IReadOnlyList<MissingSecret> missing, IDeliveryLog log)
    {
        if (missing.Count == 0)
        {
            return;
        }

        log.Write(DeliveryLogLevel.Warning, "Secrets a real run needs that are not set (the dry run shows each as <NAME not set>):");
        foreach (var group in missing.GroupBy(secret => secret.Variable, StringComparer.Ordinal))
        {
            log.Write(DeliveryLogLevel.Warning, $"  {group.Key}: {string.Join(", ", group.Select(secret => secret.Target ?? secret.Integration).Distinct(StringComparer.Ordinal))}");
        }

        log.Write(DeliveryLogLevel.Warning, "Add them to the repository's secrets (and pass them to the job's env):");
        foreach (var name in missing.Select(secret => secret.Variable).Distinct(StringComparer.Ordinal))
        {
            log.Write(DeliveryLogLevel.Warning, $"  gh secret set {name}");
        }
    }

    /// <summary>The valid specs the configuration points at; invalid files are ValidateSpecs' business.</summary>
    /// <param name="config">The loaded configuration.</param>
    public static IReadOnlyList<Spec> LoadSpecs(SpecCakeConfig config) => SpecCatalog.Load(config).Specs;

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}

/// <summary>A configuration read for a task.</summary>
/// <param name="Config">The options.</param>
/// <param name="Secrets">Every credential value to mask besides the known variables' (e.g. those interpolated from <c>${VAR}</c>).</param>
/// <param name="Missing">The secrets enabled integrations need that are not set; which matter depends on the task.</param>
internal sealed record LoadedConfig(SpecCakeConfig Config, IReadOnlyCollection<string> Secrets, IReadOnlyList<MissingSecret> Missing);
