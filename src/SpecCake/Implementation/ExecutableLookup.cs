namespace SpecCake.Implementation;

/// <summary>Finds a program the way a shell would: a path (relative to the repository root), or a name on <c>PATH</c>.</summary>
internal static class ExecutableLookup
{
    /// <summary>The full path of <paramref name="program"/>, or null when it cannot be found.</summary>
    /// <param name="program">A name such as <c>claude</c>, or a path such as <c>./tools/agent</c>.</param>
    /// <param name="repositoryRoot">What a relative path is relative to.</param>
    /// <param name="environment">Whose <c>PATH</c> (and <c>PATHEXT</c> on Windows) is searched.</param>
    public static string? Find(string program, string repositoryRoot, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.Contains('/', StringComparison.Ordinal) || program.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(program))
        {
            var path = Path.GetFullPath(Path.Combine(repositoryRoot, program));
            return Candidates(path, environment).FirstOrDefault(IsProgram);
        }

        var searchPath = environment.TryGetValue("PATH", out var value) ? value : null;
        foreach (var directory in (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Candidates(Path.Combine(directory, program), environment).FirstOrDefault(IsProgram) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(string path, IReadOnlyDictionary<string, string?> environment)
    {
        yield return path;
        if (OperatingSystem.IsWindows())
        {
            var extensions = environment.TryGetValue("PATHEXT", out var value) && value is not null ? value : ".COM;.EXE;.BAT;.CMD";
            foreach (var extension in extensions.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return path + extension;
            }
        }
    }

    private static bool IsProgram(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
