using SpecCake.Configuration;
using SpecCake.Validation;

namespace SpecCake.Specs;

/// <summary>
/// Every spec file under <c>specs.paths</c>, read in parallel and checked: each file against
/// <c>schemas/spec.schema.json</c>, its ID against its file name, and IDs across files.
/// NotifySpecEvent and SyncTrackers find their spec here by ID or path.
/// </summary>
public sealed class SpecCatalog
{
    private readonly Dictionary<string, Spec> _byId;
    private readonly Dictionary<string, Spec> _byFile;

    /// <summary>At most this many problems are listed per file; the rest are counted ("... and N more").</summary>
    internal const int MaxErrorsPerFile = 20;

    private SpecCatalog(IReadOnlyList<Spec> specs, IReadOnlyList<ValidationError> errors, IReadOnlyList<ValidationError> warnings, IReadOnlyList<string> files, string baseDirectory)
    {
        Specs = specs;
        Errors = errors;
        Warnings = warnings;
        Files = files;
        BaseDirectory = baseDirectory;
        _byId = specs.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        _byFile = specs.ToDictionary(s => s.File, StringComparer.Ordinal);
    }

    /// <summary>The valid specs, in file order (a spec with any error, or a duplicated ID, is left out).</summary>
    public IReadOnlyList<Spec> Specs { get; }

    /// <summary>
    /// Every problem found: unusable globs and globs that match nothing first, then each file's problems
    /// in line order (at most <c>20</c> per file, then one "... and N more" line).
    /// </summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>What was left out and why: symbolic links not followed, a default glob that matches nothing.</summary>
    public IReadOnlyList<ValidationError> Warnings { get; }

    /// <summary>Every file the globs matched, as errors name them.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The files with at least one error, as errors name them (for <c>validation_failed</c>).</summary>
    public IReadOnlyList<string> InvalidFiles => Errors.Select(e => e.File).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The folder the globs and <see cref="Spec.File"/> are relative to (the config file's folder).</summary>
    public string BaseDirectory { get; }

    /// <summary>Reads the specs a loaded configuration points at.</summary>
    /// <param name="config">A valid configuration (its <see cref="SpecCakeConfig.SourceFile"/> gives the base folder).</param>
    /// <param name="displayDirectory">How errors name the base folder; null: relative to the current directory.</param>
    public static SpecCatalog Load(SpecCakeConfig config, string? displayDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var baseDirectory = Path.GetDirectoryName(config.SourceFile) ?? Directory.GetCurrentDirectory();
        var display = displayDirectory ?? Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(baseDirectory));
        var configName = Path.GetFileName(config.SourceFile) ?? SpecCakeConfigLoader.DefaultFileName;
        return Load(baseDirectory, SpecGlobSource.Unplaced(config.Specs.Paths, display is "" or "." ? configName : $"{display}/{configName}"), display, config.SourceFile, workingDirectory: null);
    }

    /// <summary>Reads every spec file matching <paramref name="patterns"/>.</summary>
    /// <param name="baseDirectory">The folder the globs are relative to.</param>
    /// <param name="patterns">Globs such as <c>specs/**/*.yaml</c>.</param>
    /// <param name="displayDirectory">
    /// How errors name <paramref name="baseDirectory"/> (e.g. "" when it is the working directory);
    /// null: its path relative to the current directory.
    /// </param>
    public static SpecCatalog Load(string baseDirectory, IEnumerable<string> patterns, string? displayDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        ArgumentNullException.ThrowIfNull(patterns);
        var display = displayDirectory ?? Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(baseDirectory));
        // A file by the config's name is never a spec, whatever the globs say.
        return Load(baseDirectory, SpecGlobSource.Unplaced(patterns, display is "" or "." ? "specs.paths" : $"{display}/specs.paths"), display,
            Path.Combine(baseDirectory, SpecCakeConfigLoader.DefaultFileName), workingDirectory: null);
    }

    /// <summary>Reads every spec file matching <paramref name="globs"/>, naming each glob's place in problems about it.</summary>
    /// <param name="baseDirectory">The folder the globs are relative to.</param>
    /// <param name="globs">The globs and where the configuration writes them.</param>
    /// <param name="display">How errors name <paramref name="baseDirectory"/> ("" for the working directory).</param>
    /// <param name="configFile">The configuration file: never read as a spec.</param>
    /// <param name="workingDirectory">The working directory (the repository's edge outside git); null: the current directory.</param>
    internal static SpecCatalog Load(string baseDirectory, IReadOnlyList<SpecGlobSource> globs, string display, string? configFile, string? workingDirectory)
    {
        var root = Path.GetFullPath(baseDirectory);
        var problems = new List<(SpecGlobSource Glob, string Problem)>();
        var skipped = new List<(string Path, string Reason)>();
        var unreadable = new List<(string Path, string Reason)>();
        var files = SpecGlob.Expand(root, globs, RepositoryBoundary.Find(root, workingDirectory), configFile, problems, skipped, unreadable);
        string DisplayOf(string file)
        {
            var specPath = Path.GetRelativePath(root, file).Replace('\\', '/');
            return display is "" or "." ? specPath : Collapse(Path.Join(display, specPath).Replace('\\', '/'));
        }

        // Loops and a small class rather than LINQ over tuples and indexes: generic code over value
        // types cannot be precompiled (ReadyToRun), and JIT-compiling it cost start-up on every run.
        var entries = new SpecEntry[files.Count];
        for (var index = 0; index < entries.Length; index++)
        {
            var file = files[index];
            entries[index] = new SpecEntry(file, Path.GetRelativePath(root, file).Replace('\\', '/'), DisplayOf(file));
        }

        // Files are independent: parse them on every core, keep the results in file order.
        var results = new SpecFileResult[entries.Length];
        Parallel.For(0, entries.Length, index =>
            results[index] = SpecFileReader.Read(entries[index].File, entries[index].DisplayPath, entries[index].SpecPath));

        var errorsByFile = results.Select(r => r.Errors.ToList()).ToArray();
        var duplicated = new bool[results.Length];
        foreach (var (id, indexes) in FilesById(results))
        {
            if (indexes.Count < 2)
            {
                continue;
            }

            foreach (var index in indexes)
            {
                var others = new List<string>();
                foreach (var other in indexes)
                {
                    if (other != index)
                    {
                        others.Add($"{LogText.Escaped(entries[other].DisplayPath)}:{results[other].IdPosition.Line}:{results[other].IdPosition.Column}");
                    }
                }

                var at = results[index].IdPosition;
                errorsByFile[index].Add(new ValidationError(entries[index].DisplayPath, at.Line, at.Column,
                    $"duplicate spec ID {LogText.Quoted(id)}: also used by {string.Join(", ", others)}; IDs must be unique across all spec files"));
                duplicated[index] = true;
            }
        }

        var specs = results.Where((r, i) => r.Spec is not null && !duplicated[i]).Select(r => r.Spec!).ToArray();
        var errors = new List<ValidationError>();
        var warnings = new List<ValidationError>();
        foreach (var (glob, problem) in problems)
        {
            // Nobody wrote the default glob: a repository without specs yet is not an error.
            if (glob.IsDefault && problem == "matches no file")
            {
                warnings.Add(glob.Problem("(the default) matches no file: no spec files to check"));
            }
            else
            {
                errors.Add(glob.Problem(problem));
            }
        }

        foreach (var (path, reason) in skipped)
        {
            warnings.Add(new ValidationError(DisplayOf(path), 0, 0, reason));
        }

        // A spec path that is a link to nothing, to itself or out of the repository: the file a pull
        // request adds cannot be checked, so it fails validation at that file.
        foreach (var (path, reason) in unreadable.OrderBy(item => item.Path, StringComparer.Ordinal))
        {
            errors.Add(new ValidationError(DisplayOf(path), 0, 0, reason));
        }

        for (var index = 0; index < errorsByFile.Length; index++)
        {
            var ordered = errorsByFile[index].OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
            errors.AddRange(ordered.Take(MaxErrorsPerFile));
            if (ordered.Count > MaxErrorsPerFile)
            {
                errors.Add(new ValidationError(entries[index].DisplayPath, 0, 0,
                    $"... and {ordered.Count - MaxErrorsPerFile:N0} more problems in this file; fix the ones above and run again"));
            }
        }

        var displayPaths = new string[entries.Length];
        for (var index = 0; index < entries.Length; index++)
        {
            displayPaths[index] = entries[index].DisplayPath;
        }

        return new SpecCatalog(specs, errors.ToArray(), warnings.ToArray(), displayPaths, root);
    }

    /// <summary>The files (indexes into <paramref name="results"/>) that name each ID, IDs in order of first use.</summary>
    private static Dictionary<string, List<int>> FilesById(SpecFileResult[] results)
    {
        var byId = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var index = 0; index < results.Length; index++)
        {
            if (results[index].Id is not { } id)
            {
                continue;
            }

            if (!byId.TryGetValue(id, out var indexes))
            {
                byId[id] = indexes = [];
            }

            indexes.Add(index);
        }

        return byId;
    }

    /// <summary>"ci/../docs/a.yaml" → "docs/a.yaml": the name a person would write.</summary>
    private static string Collapse(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == ".." && parts.Count > 0 && parts[^1] != ".." && parts[^1].Length > 0)
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != "." || parts.Count == 0)
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>
    /// Finds a valid spec by ID (<c>FEAT-0001</c>, case-insensitive) or by file path
    /// (relative to <see cref="BaseDirectory"/> or to the current directory, or absolute).
    /// </summary>
    /// <param name="idOrPath">The spec's ID or its file.</param>
    /// <returns>The spec, or null when there is no valid spec by that ID or at that path.</returns>
    public Spec? Find(string idOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrPath);
        if (_byId.TryGetValue(idOrPath.Trim(), out var byId))
        {
            return byId;
        }

        var normalized = idOrPath.Replace('\\', '/');
        if (_byFile.TryGetValue(normalized.StartsWith("./", StringComparison.Ordinal) ? normalized[2..] : normalized, out var byFile))
        {
            return byFile;
        }

        var relative = Path.GetRelativePath(BaseDirectory, Path.GetFullPath(idOrPath)).Replace('\\', '/');
        return _byFile.GetValueOrDefault(relative);
    }

    /// <summary>One matched file: where it is, its <see cref="Spec.File"/>, and how errors name it.</summary>
    private sealed record SpecEntry(string File, string SpecPath, string DisplayPath);
}
