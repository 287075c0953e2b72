using SpecCake.Configuration;

namespace SpecCake.Specs;

/// <summary>
/// ValidateSpecs without Cake: the configuration and every spec file it points at, all errors at once.
/// </summary>
public static class SpecValidator
{
    /// <summary>Validates <paramref name="configPath"/> and the specs under its <c>specs.paths</c>.</summary>
    /// <param name="configPath">The configuration file; errors name it, and the spec files relative to its folder, as given.</param>
    /// <param name="environment">Where secrets and <c>${VAR}</c> values come from.</param>
    public static SpecValidationReport Validate(string configPath, IEnvironmentVariables environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        ArgumentNullException.ThrowIfNull(environment);

        var config = SpecCakeConfigLoader.Load(configPath, environment);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;

        // Spec files are checked even when the config has errors: every problem is reported in one run.
        var displayDirectory = Path.GetDirectoryName(configPath) ?? string.Empty;
        var catalog = SpecCatalog.Load(baseDirectory, config.Config?.Specs.Paths ?? config.SpecPaths, displayDirectory);
        return new SpecValidationReport { Config = config, Catalog = catalog };
    }
}
