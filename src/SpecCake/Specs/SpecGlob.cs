using System.Text;
using System.Text.RegularExpressions;

namespace SpecCake.Specs;

/// <summary>
/// Expands <c>specs.paths</c> globs: <c>**</c> any number of folders, <c>*</c> and <c>?</c> within
/// one name, <c>{a,b}</c> alternatives. Only the folder below the pattern's fixed prefix is walked.
/// </summary>
internal static class SpecGlob
{
    /// <summary>Full paths of the files matching any of <paramref name="patterns"/>, sorted, without duplicates.</summary>
    /// <param name="baseDirectory">The folder relative patterns start from.</param>
    /// <param name="patterns">The globs.</param>
    /// <param name="unusable">Receives each pattern that is not a usable path, with the reason.</param>
    public static IReadOnlyList<string> Expand(string baseDirectory, IEnumerable<string> patterns, ICollection<(string Pattern, string Reason)>? unusable = null)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            try
            {
                ExpandOne(baseDirectory, pattern, found);
            }
            catch (Exception exception) when (exception is ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                unusable?.Add((pattern, exception.Message));
            }
        }

        return [.. found];
    }

    private static void ExpandOne(string baseDirectory, string pattern, SortedSet<string> found)
    {
        var normalized = pattern.Replace('\\', '/');
        var segments = normalized.Split('/');
        var fixedCount = segments.TakeWhile(s => s.IndexOfAny(['*', '?', '[', '{']) < 0).Count();
        if (fixedCount == segments.Length)
        {
            // No wildcard: a plain file.
            var file = Path.GetFullPath(Path.Combine(baseDirectory, normalized));
            if (File.Exists(file))
            {
                found.Add(file);
            }

            return;
        }

        var root = Path.GetFullPath(Path.Combine(baseDirectory, string.Join('/', segments.Take(fixedCount)) is { Length: > 0 } prefix ? prefix : "."));
        if (!Directory.Exists(root))
        {
            return;
        }

        var rest = segments.Skip(fixedCount).ToArray();
        var regex = ToRegex(rest);
        var recursive = rest.Length > 1 || rest[0].Contains("**", StringComparison.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        foreach (var file in Directory.EnumerateFiles(root, "*", options))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (regex.IsMatch(relative))
            {
                found.Add(file);
            }
        }
    }

    private static Regex ToRegex(string[] segments)
    {
        var builder = new StringBuilder("^");
        for (var index = 0; index < segments.Length; index++)
        {
            var segment = segments[index];
            var last = index == segments.Length - 1;
            if (segment == "**")
            {
                builder.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }

            for (var i = 0; i < segment.Length; i++)
            {
                var c = segment[i];
                switch (c)
                {
                    case '*':
                        builder.Append("[^/]*");
                        break;
                    case '?':
                        builder.Append("[^/]");
                        break;
                    case '{':
                        var close = segment.IndexOf('}', i);
                        if (close < 0)
                        {
                            builder.Append(Regex.Escape("{"));
                            break;
                        }

                        var alternatives = segment[(i + 1)..close].Split(',').Select(Regex.Escape);
                        builder.Append("(?:").Append(string.Join('|', alternatives)).Append(')');
                        i = close;
                        break;
                    default:
                        builder.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }

            if (!last)
            {
                builder.Append('/');
            }
        }

        return new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
