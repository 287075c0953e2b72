namespace SpecCake.TestSupport;

/// <summary>
/// Runs the git CLI in a test's repository, the way a developer would, with a fixed identity, branch
/// name and no signing, so the machine's own git configuration cannot change what a test sees. The
/// one place the tests start git (through <see cref="ProcessRun"/>, which reads both pipes at once).
/// </summary>
public static class GitRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    // As configuration, not GIT_AUTHOR_* variables: a caller's own "-c user.name=..." comes later and wins.
    private static readonly string[] Settings =
    [
        "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false",
        "-c", "protocol.file.allow=always", "-c", "user.name=Spec Author", "-c", "user.email=author@example.com",
    ];

    /// <summary>Runs <c>git <paramref name="arguments"/></c> in <paramref name="directory"/>; returns its standard output, throws when it fails.</summary>
    public static string Run(string directory, params string[] arguments)
    {
        var run = ProcessRun.Start(
            "git",
            [.. Settings, .. arguments],
            directory,
            null,
            Timeout);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed in {directory}: {run}");
        }

        return run.Output;
    }

    /// <summary><see cref="Run"/> off the calling thread.</summary>
    public static Task<string> RunAsync(string directory, params string[] arguments) => Task.Run(() => Run(directory, arguments));
}
