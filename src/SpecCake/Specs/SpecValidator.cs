using SpecCake.Configuration;

namespace SpecCake.Specs;

/// <summary>
/// ValidateSpecs without Cake: the configuration and every spec file it points at, all errors at once.
/// </summary>
public static class SpecValidator
{
    /// <summary>
    /// Validates <paramref name="configPath"/> and the specs under its <c>specs.paths</c>. Delivery
    /// secrets are not needed (a pull request from a fork has none): an enabled integration whose
    /// secret is unset is listed in <see cref="ConfigLoadResult.MissingSecrets"/>, not an error.
    /// </summary>
    /// <param name="configPath">The configuration file, absolute or relative to <paramref name="workingDirectory"/>.</param>
    /// <param name="environment">Where secrets and <c>${VAR}</c> values come from.</param>
    /// <param name="workingDirectory">
    /// Errors name files relative to this folder (the current directory when null), as GitHub
    /// annotations and editors expect; files outside it are named by their full path.
    /// </param>
    public static SpecValidationReport Validate(string configPath, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        ArgumentNullException.ThrowIfNull(environment);

        var root = Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        var fullPath = Path.GetFullPath(configPath, root);
        var baseDirectory = Path.GetDirectoryName(fullPath)!;
        var shownBase = Shown(root, baseDirectory);

        // Checking the config (and, when it is invalid, starting JsonSchema.Net to word the errors)
        // does not hold up the spec files, which need only specs.paths: the config's own parse hands
        // them over before checking anything (parsing the file twice at once cost more CPU than it saved).
        var configShown = Shown(root, fullPath);
        var pathsRead = new TaskCompletionSource<IReadOnlyList<SpecGlobSource>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var configTask = Task.Run(() => SpecCakeConfigLoader.Load(fullPath, configShown, environment, paths => pathsRead.TrySetResult(paths), secretsRequired: false));
        Task.WaitAny(pathsRead.Task, configTask);
        var quickGlobs = pathsRead.Task.IsCompletedSuccessfully
            ? pathsRead.Task.Result
            : [new SpecGlobSource(new SpecsOptions().Paths[0], 0, configShown, 0, 0, IsDefault: true)];
        var catalog = SpecCatalog.Load(baseDirectory, quickGlobs, shownBase, fullPath, root);
        var config = configTask.GetAwaiter().GetResult();

        // Spec files are checked even when the config has errors: every problem is reported in one run.
        var globs = config.SpecGlobs.Count > 0 ? config.SpecGlobs : quickGlobs;
        if (!globs.Select(g => g.Pattern).SequenceEqual(quickGlobs.Select(g => g.Pattern), StringComparer.Ordinal))
        {
            catalog = SpecCatalog.Load(baseDirectory, globs, shownBase, fullPath, root);
        }

        return new SpecValidationReport { Config = config, Catalog = catalog };
    }

    private static string Shown(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
