using System.Text;
using System.Text.RegularExpressions;

namespace SpecCake.Specs.Changes;

/// <summary>
/// The <c>specs.paths</c> globs of <c>specs.config.yaml</c>, matched against repository-relative
/// paths as git prints them. Git paths are not files on disk (they may exist only at the base
/// commit), so a file-system globber cannot be used here.
/// </summary>
/// <remarks>
/// Supports <c>**</c> (any number of directories), <c>*</c> and <c>?</c> (within one path segment)
/// and <c>{a,b}</c> alternatives. Matching is case-sensitive, as git paths are.
/// </remarks>
internal sealed class SpecPathGlob
{
    private readonly Regex[] _patterns;

    /// <summary>Creates the matcher.</summary>
    /// <param name="globs">The globs, relative to <paramref name="configDirectory"/>.</param>
    /// <param name="configDirectory">The config file's directory relative to the repository root, "" for the root.</param>
    public SpecPathGlob(IEnumerable<string> globs, string configDirectory = "")
    {
        ArgumentNullException.ThrowIfNull(globs);
        ArgumentNullException.ThrowIfNull(configDirectory);
        _patterns = [.. globs.Select(glob => ToRegex(Normalize(Combine(configDirectory, glob))))];
    }

    /// <summary>Whether <paramref name="path"/> (repository-relative, forward slashes) is a spec file.</summary>
    public bool IsMatch(string path) => _patterns.Any(pattern => pattern.IsMatch(path));

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

    private static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    var slashFollows = i + 2 < glob.Length && glob[i + 2] == '/';
                    pattern.Append(slashFollows ? "(?:[^/]+/)*" : ".*");
                    i += slashFollows ? 2 : 1;
                    break;
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append("[^/]");
                    break;
                case '{':
                    pattern.Append("(?:");
                    break;
                case '}':
                    pattern.Append(')');
                    break;
                case ',' when IsInsideBraces(glob, i):
                    pattern.Append('|');
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static bool IsInsideBraces(string glob, int index) =>
        glob.LastIndexOf('{', index) > glob.LastIndexOf('}', index);
}
