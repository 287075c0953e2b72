using System.Text.RegularExpressions;
using SpecCake.Validation;

namespace SpecCake.Specs;

/// <summary>
/// Expands <c>specs.paths</c> globs (read as <see cref="GlobPattern"/> says, the same reading as the
/// git-path matcher of DetectSpecEvents) on disk. Only the folder below a pattern's fixed prefix is
/// walked, one folder at a time, so that symbolic links are looked at before they are followed: a
/// link out of the repository, or back into a folder the walk reads anyway (a cycle, or the same
/// files twice), is not followed, and a link to a file outside the repository is not read. Git stores
/// such a link, never what it points to, so DetectSpecEvents would not see those files either.
/// </summary>
/// <remarks>
/// Microsoft.Extensions.FileSystemGlobbing and DotNet.Glob were measured against the cases this
/// reading must keep (braces, <c>?</c>, a literal unclosed brace, <c>a**</c>, git paths) and against
/// links: neither reads <c>{a,b}</c>, FileSystemGlobbing has no <c>?</c> and follows a link to
/// <c>..</c> (41 copies of one file), DotNet.Glob reads <c>[ab]</c> and <c>a**</c> differently; the
/// walk, the boundary and the messages would stay here in any case.
/// </remarks>
internal static class SpecGlob
{
    // Far beyond any repository's spec folders; a bound so that no tree can keep the walk going.
    private const int MaxDepth = 64;

    /// <summary>Full paths of the files matching any of <paramref name="globs"/>, sorted, without duplicates.</summary>
    /// <param name="baseDirectory">The folder relative patterns start from (the config's folder).</param>
    /// <param name="globs">The globs.</param>
    /// <param name="boundary">The folder nothing may be read from outside of.</param>
    /// <param name="excludedFile">A file never taken for a spec (the configuration itself).</param>
    /// <param name="problems">Receives each unusable glob and each glob that matches nothing.</param>
    /// <param name="skipped">Receives each folder link not followed (its full path) and why.</param>
    /// <param name="unreadable">
    /// Receives each spec path that is a symbolic link SpecCake cannot read (its full path) and why:
    /// broken, looping, or leading out of the repository. Unlike a folder it is a spec the pull request
    /// claims to add, so it is an error at that file.
    /// </param>
    public static IReadOnlyList<string> Expand(
        string baseDirectory,
        IReadOnlyList<SpecGlobSource> globs,
        RepositoryBoundary boundary,
        string? excludedFile,
        ICollection<(SpecGlobSource Glob, string Problem)> problems,
        ICollection<(string Path, string Reason)> skipped,
        ICollection<(string Path, string Reason)> unreadable)
    {
        var excluded = excludedFile is null ? null : RepositoryBoundary.RealPath(excludedFile);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var glob in globs)
        {
            var walk = new Walk(boundary, excluded, skipped, unreadable, reported);
            if (walk.Expand(baseDirectory, glob.Pattern) is { } problem)
            {
                problems.Add((glob, problem));
                continue;
            }

            if (walk.Found.Count == 0 && !walk.MatchedUnreadable)
            {
                problems.Add((glob, "matches no file"));
            }

            found.UnionWith(walk.Found);
        }

        return [.. found];
    }

    /// <summary>One pattern's walk.</summary>
    private sealed class Walk(
        RepositoryBoundary boundary,
        string? excluded,
        ICollection<(string Path, string Reason)> skipped,
        ICollection<(string Path, string Reason)> unreadable,
        HashSet<string> reported)
    {
        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
        private Regex _regex = null!;
        private string _walkRoot = string.Empty;

        public List<string> Found { get; } = [];

        /// <summary>Whether the pattern matched a spec path that cannot be read (an error of its own, so not "matches no file").</summary>
        public bool MatchedUnreadable { get; private set; }

        /// <summary>Walks for <paramref name="pattern"/>; returns why the pattern is unusable, or null.</summary>
        public string? Expand(string baseDirectory, string pattern)
        {
            if (pattern.Any(char.IsControl))
            {
                return "holds a control character; a glob is a path such as specs/**/*.yaml";
            }

            var normalized = pattern.Replace('\\', '/');
            var segments = normalized.Split('/');
            var fixedCount = segments.TakeWhile(s => s.IndexOfAny(['*', '?', '{']) < 0).Count();
            var prefix = string.Join('/', segments.Take(fixedCount));
            string start;
            try
            {
                // The config's folder resolved, the rest as written: "../.." or an absolute path must not
                // lead out of the repository, whatever links the prefix holds (those are looked at below).
                var realBase = RepositoryBoundary.RealPath(baseDirectory) ?? Path.GetFullPath(baseDirectory);
                start = Path.GetFullPath(Path.Combine(realBase, prefix.Length > 0 ? prefix : "."));
            }
            catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
            {
                return "is not a usable path";
            }

            if (!boundary.Contains(start))
            {
                return "reaches outside the repository; globs are relative to the folder of the configuration file";
            }

            if (fixedCount == segments.Length)
            {
                // No wildcard: one file (or a link that claims to be one).
                if (File.Exists(start) || IsLink(start))
                {
                    AddFile(start, isLink: IsLink(start));
                }

                return null;
            }

            if (!Directory.Exists(start))
            {
                return null;
            }

            if (RepositoryBoundary.RealPath(start) is not { } realStart || !boundary.Contains(realStart))
            {
                Skip(start, Outside(start, "folder", "followed"));
                return null;
            }

            var rest = segments.Skip(fixedCount).ToArray();
            _regex = GlobPattern.ToRegex(string.Join('/', rest));
            _walkRoot = realStart;
            var recursive = rest.Length > 1 || rest[0].Contains("**", StringComparison.Ordinal);
            _visited.Add(realStart);
            Visit(start, realStart, string.Empty, recursive, depth: 0);
            return null;
        }

        /// <param name="directory">The folder as the walk reached it (the path errors name files by).</param>
        /// <param name="realDirectory">The same folder with its links resolved.</param>
        /// <param name="relative">The folder relative to the walk's start, as the pattern sees it.</param>
        /// <param name="recursive">Whether the pattern reaches into subfolders.</param>
        /// <param name="depth">How deep the walk is.</param>
        private void Visit(string directory, string realDirectory, string relative, bool recursive, int depth)
        {
            var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options).OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return;
            }

            foreach (var entry in entries)
            {
                var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                // The attribute comes with the listing: only links cost a readlink.
                var isLink = entry.Attributes.HasFlag(FileAttributes.ReparsePoint) && entry.LinkTarget is not null;
                var isDirectory = entry is DirectoryInfo || (isLink && Directory.Exists(entry.FullName));
                if (!isDirectory)
                {
                    if (_regex.IsMatch(path))
                    {
                        AddFile(entry.FullName, isLink, Path.Join(realDirectory, entry.Name));
                    }

                    continue;
                }

                if (!recursive || depth >= MaxDepth)
                {
                    continue;
                }

                var realEntry = Path.Join(realDirectory, entry.Name);
                if (isLink)
                {
                    var target = RepositoryBoundary.RealPath(entry.FullName);
                    if (target is null || !boundary.Contains(target))
                    {
                        Skip(entry.FullName, Outside(entry.FullName, "folder", "followed"));
                        continue;
                    }

                    // Inside the walk's own folder it is a cycle or the same files twice; elsewhere, once.
                    if (RepositoryBoundary.IsWithin(target, _walkRoot) || RepositoryBoundary.IsWithin(_walkRoot, target) || !_visited.Add(target))
                    {
                        Skip(entry.FullName, $"not followed: a symbolic link to {LinkTarget(entry.FullName)}, a folder read already (a loop, or a second way to the same files)");
                        continue;
                    }

                    realEntry = target;
                }

                Visit(entry.FullName, realEntry, path, recursive, depth + 1);
            }
        }

        /// <param name="file">The path as the walk reached it.</param>
        /// <param name="isLink">Whether it is a symbolic link (then it is resolved and checked here).</param>
        /// <param name="real">The path with its folders' links resolved, when it is not a link itself.</param>
        private void AddFile(string file, bool isLink, string? real = null)
        {
            if (isLink)
            {
                real = RepositoryBoundary.RealPath(file, out var loops);
                var refusal = loops || real is null
                    ? $"a symbolic link to {LinkTarget(file)} that leads back to itself (a loop of links), so there is no spec to read; point it at a spec file in the repository, or remove it"
                    : !boundary.Contains(real)
                        ? $"a symbolic link to {LinkTarget(file)}, a file outside the repository (git stores the link, not what it points to), so it is not read; commit the spec file itself"
                        : !File.Exists(real)
                            ? $"a symbolic link to {LinkTarget(file)}, which does not exist (a broken link); point it at a spec file in the repository, or remove it"
                            : null;
                if (refusal is not null)
                {
                    MatchedUnreadable = true;
                    if (reported.Add(file))
                    {
                        unreadable.Add((file, refusal));
                    }

                    return;
                }
            }

            real ??= RepositoryBoundary.RealPath(file);
            if (real is null || !boundary.Contains(real))
            {
                Skip(file, Outside(file, "file", "read"));
                return;
            }

            if (real != excluded)
            {
                Found.Add(file);
            }
        }

        private static bool IsLink(string path)
        {
            try
            {
                return new FileInfo(path).LinkTarget is not null;
            }
            catch (IOException)
            {
                return false;
            }
        }

        private static string Outside(string link, string kind, string verb) =>
            $"not {verb}: a symbolic link to {LinkTarget(link)}, a {kind} outside the repository (git stores the link, not what it points to)";

        /// <summary>The link's target as written in it, quoted for the log.</summary>
        private static string LinkTarget(string link)
        {
            try
            {
                return LogText.Quoted(new FileInfo(link).LinkTarget ?? "?", 200);
            }
            catch (IOException)
            {
                return "'?'";
            }
        }

        private void Skip(string path, string reason)
        {
            if (reported.Add(path))
            {
                skipped.Add((path, reason));
            }
        }
    }
}
