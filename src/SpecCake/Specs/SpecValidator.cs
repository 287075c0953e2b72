using SpecCake.Configuration;

namespace SpecCake.Specs;

/// <summary>
/// ValidateSpecs without Cake: the configuration and every spec file it points at, all errors at once.
/// </summary>
public static class SpecValidator
{
    /// <summary>Validates <paramref name="configPath"/> and the specs under its <c>specs.paths</c>.</summary>
    /// <param name="configPath">The configuration file, absolute or relative to <paramref name="workingDirectory"/>.</param>
    /// <param name="environment">Where secrets and <c>${VAR}</c> values come from.</param>
    /// <param name="workingDirectory">
    /// Errors name files relative to this folder (the current directory when null), as GitHub
    /// annotations and editors expect; files outside it are named by their full path.
    /// </param>
    public static SpecValidationReport Validate(string configPath, IEnvironmentVariables environment, string? workingDirectory = null)
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
        var pathsRead = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var configTask = Task.Run(() => SpecCakeConfigLoader.Load(fullPath, Shown(root, fullPath), environment, paths => pathsRead.TrySetResult(paths)));
        Task.WaitAny(pathsRead.Task, configTask);
        var quickPaths = pathsRead.Task.IsCompletedSuccessfully ? pathsRead.Task.Result : ["specs/**/*.yaml"];
        var catalog = SpecCatalog.Load(baseDirectory, quickPaths, shownBase);
        var config = configTask.GetAwaiter().GetResult();

        // Spec files are checked even when the config has errors: every problem is reported in one run.
        var paths = config.Config?.Specs.Paths ?? config.SpecPaths;
        if (!paths.SequenceEqual(quickPaths, StringComparer.Ordinal))
        {
            catalog = SpecCatalog.Load(baseDirectory, paths, shownBase);
        }

        return new SpecValidationReport { Config = config, Catalog = catalog };
    }

    private static string Shown(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
