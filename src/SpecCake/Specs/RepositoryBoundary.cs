namespace SpecCake.Specs;

/// <summary>
/// The folder spec files must come from: the git working tree that holds the config (git stores a
/// symbolic link, never the files it points to, so nothing outside it is part of the repository),
/// or, outside git, the working directory (or the config's folder when that is not inside it).
/// Paths are compared with every symbolic link resolved.
/// </summary>
internal sealed class RepositoryBoundary
{
    // Resolving a path follows at most this many links (the kernel's own ELOOP limit is 40).
    private const int MaxLinkHops = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private RepositoryBoundary(string root) => Root = root;

    /// <summary>The boundary's folder, every link resolved.</summary>
    public string Root { get; }

    /// <summary>The boundary for a config in <paramref name="configDirectory"/>.</summary>
    /// <param name="configDirectory">The config file's folder.</param>
    /// <param name="workingDirectory">The working directory; the current directory when null.</param>
    public static RepositoryBoundary Find(string configDirectory, string? workingDirectory = null)
    {
        var start = RealPath(configDirectory) ?? Path.GetFullPath(configDirectory);
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            // A worktree or submodule has a .git file rather than a folder.
            if (Directory.Exists(Path.Join(directory.FullName, ".git")) || File.Exists(Path.Join(directory.FullName, ".git")))
            {
                return new RepositoryBoundary(directory.FullName);
            }
        }

        var working = RealPath(workingDirectory ?? Directory.GetCurrentDirectory());
        return new RepositoryBoundary(working is not null && IsWithin(start, working) ? working : start);
    }

    /// <summary>Whether <paramref name="realPath"/> (a path with its links resolved) lies inside the boundary.</summary>
    public bool Contains(string realPath) => IsWithin(realPath, Root);

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies below it (both already resolved).</summary>
    public static bool IsWithin(string path, string folder) =>
        string.Equals(path, folder, PathComparison)
        || (path.Length > folder.Length && path.StartsWith(folder, PathComparison)
            && (folder.EndsWith(Path.DirectorySeparatorChar) || path[folder.Length] == Path.DirectorySeparatorChar));

    /// <summary>
    /// <paramref name="path"/> with every symbolic link on the way resolved (as realpath(3) does);
    /// null when a link is broken or the links loop.
    /// </summary>
    public static string? RealPath(string path) => RealPath(path, out _);

    /// <summary>
    /// <paramref name="path"/> with every symbolic link on the way resolved; null when a link is
    /// broken or the links loop (<paramref name="loops"/> says which: a link to itself, or links that
    /// lead back to each other). A link to nothing resolves to a path that does not exist.
    /// </summary>
    public static string? RealPath(string path, out bool loops)
    {
        var hops = MaxLinkHops;
        loops = false;
        try
        {
            var real = Resolve(Path.GetFullPath(path), ref hops);
            loops = real is null && hops < 0;
            return real;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Resolve(string fullPath, ref int hops)
    {
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Join(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is not null)
            {
                if (--hops < 0)
                {
                    return null;
                }

                // `current` is already resolved, so a ".." in the target is taken from the real folder.
                var resolved = Resolve(Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Join(current, target)), ref hops);
                if (resolved is null)
                {
                    return null;
                }

                next = resolved;
            }

            current = next;
        }

        return current;
    }
}
