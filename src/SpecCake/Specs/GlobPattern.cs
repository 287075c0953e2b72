using System.Text;
using System.Text.RegularExpressions;

namespace SpecCake.Specs;

/// <summary>
/// The one reading of a <c>specs.paths</c> glob, shared by the file-system expansion (ValidateSpecs,
/// <see cref="SpecGlob"/>) and the git-path matcher (DetectSpecEvents), so both agree on which
/// files are specs: <c>**</c> as a whole segment is any number of folders, <c>*</c> and <c>?</c>
/// stay within one name, <c>{a,b}</c> are alternatives (which may hold wildcards); an unclosed
/// brace is a literal character. Case-sensitive.
/// </summary>
internal static class GlobPattern
{
    /// <summary>A regex matching whole forward-slash paths against <paramref name="glob"/>.</summary>
    /// <param name="glob">The glob, forward slashes, no <c>.</c> or <c>..</c> segments.</param>
    public static Regex ToRegex(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = new StringBuilder("^");
        var depth = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when IsWholeSegmentGlobstar(glob, i):
                    var slashFollows = i + 2 < glob.Length;
                    pattern.Append(slashFollows ? "(?:[^/]+/)*" : ".*");
                    i += slashFollows ? 2 : 1;
                    break;
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append("[^/]");
                    break;
                case '{' when glob.IndexOf('}', i + 1) > i:
                    depth++;
                    pattern.Append("(?:");
                    break;
                case '}' when depth > 0:
                    depth--;
                    pattern.Append(')');
                    break;
                case ',' when depth > 0:
                    pattern.Append('|');
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    // "**" alone between slashes (or the ends); elsewhere, as in "a**", it is just "*" twice.
    private static bool IsWholeSegmentGlobstar(string glob, int i) =>
        i + 1 < glob.Length && glob[i + 1] == '*'
        && (i == 0 || glob[i - 1] == '/')
        && (i + 2 == glob.Length || glob[i + 2] == '/');
}
