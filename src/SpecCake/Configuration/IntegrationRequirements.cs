using SpecCake.Integrations;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// What each integration block needs beyond the schema, asked of its descriptor: well-formed
/// URLs and addresses always, its required settings when enabled, and, once the file is bound,
/// its secrets. A secret that is set must be usable (no line breaks or other control characters);
/// one that is missing is listed, and it is the task that needs the integration which fails on it.
/// </summary>
internal static class IntegrationRequirements
{
    /// <summary>Checks the settings and formats of every integration block of <paramref name="document"/>.</summary>
    /// <param name="document">The configuration, interpolated.</param>
    public static void Check(ConfigDocument document)
    {
        foreach (var (name, _) in document.Integrations())
        {
            if (IntegrationCatalog.Find(name) is not { } descriptor)
            {
                continue;
            }

            var block = new IntegrationBlock(document, name);
            block.CheckUrl("api_url");
            descriptor.CheckFormats(block);
            if (document.IsEnabled(name))
            {
                descriptor.CheckSettings(block);
            }
        }
    }

    /// <summary>
    /// The secrets of every enabled integration of the bound <paramref name="config"/>: a set one
    /// that cannot be used is an error; a missing one is added to <paramref name="missing"/>, each
    /// problem placed at its block's <c>enabled: true</c>.
    /// </summary>
    public static void CheckSecrets(ConfigDocument document, SpecCakeConfig config, SecretStore secrets, ICollection<MissingSecret> missing)
    {
        foreach (var descriptor in IntegrationCatalog.All)
        {
            if (descriptor.OptionsIn(config) is not { Enabled: true } options)
            {
                continue;
            }

            var at = document.Map.ValueAt($"/integrations/{descriptor.Key}/enabled");
            foreach (var problem in descriptor.SecretProblems(options, secrets.Get))
            {
                var error = new ValidationError(document.File, at.Line, at.Column, problem.Message);
                if (!problem.IsMissing)
                {
                    document.Errors.Add(error);
                    continue;
                }

                foreach (var variable in problem.Variables)
                {
                    missing.Add(new MissingSecret(descriptor.Key, variable) { Error = error });
                }
            }
        }
    }
}
