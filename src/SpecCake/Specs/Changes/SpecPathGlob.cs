using System.Text.RegularExpressions;

namespace SpecCake.Specs.Changes;

/// <summary>
/// The <c>specs.paths</c> globs of <c>specs.config.yaml</c>, matched against repository-relative
/// paths as git prints them. Git paths are not files on disk (they may exist only at the base
/// commit), so a file-system globber cannot be used here.
/// </summary>
/// <remarks>Globs read as <see cref="GlobPattern"/> says, as for ValidateSpecs; case-sensitive, as git paths are.</remarks>
internal sealed class SpecPathGlob
{
    private readonly Regex[] _patterns;
    private readonly string? _configPath;

    /// <summary>Creates the matcher.</summary>
    /// <param name="globs">The globs, relative to <paramref name="configDirectory"/>.</param>
    /// <param name="configDirectory">The config file's directory relative to the repository root, "" for the root.</param>
    /// <param name="configFileName">The config file's name: never a spec, whatever the globs say (as on disk).</param>
    public SpecPathGlob(IEnumerable<string> globs, string configDirectory = "", string? configFileName = null)
    {
        ArgumentNullException.ThrowIfNull(globs);
        ArgumentNullException.ThrowIfNull(configDirectory);
        _patterns = [.. globs.Select(glob => GlobPattern.ToRegex(Normalize(Combine(configDirectory, glob))))];
        _configPath = configFileName is null ? null : Normalize(Combine(configDirectory, configFileName));
    }

    /// <summary>Whether <paramref name="path"/> (repository-relative, forward slashes) is a spec file.</summary>
    public bool IsMatch(string path) => path != _configPath && _patterns.Any(pattern => pattern.IsMatch(path));

    private static string Combine(string directory, string glob)
    {
        glob = glob.Replace('\\', '/');
        if (glob.StartsWith("./", StringComparison.Ordinal))
        {
            glob = glob[2..];
        }

        directory = directory.Replace('\\', '/').Trim('/');
        return directory.Length == 0 ? glob : $"{directory}/{glob}";
    }

    // Folds "a/../b" so a glob such as "../specs/**" from a config in a subfolder still matches.
    private static string Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "." or "")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }
}
