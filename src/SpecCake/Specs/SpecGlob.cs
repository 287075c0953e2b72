namespace SpecCake.Specs;

/// <summary>
/// Expands <c>specs.paths</c> globs (read as <see cref="GlobPattern"/> says) on disk. Only the
/// folder below the pattern's fixed prefix is walked.
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
        var regex = GlobPattern.ToRegex(string.Join('/', rest));
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
}
