using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SpecCake.Events;

/// <summary>
/// Outside GitHub Actions, fills what Actions' environment would have given from the local git
/// checkout (contract §1): repository and server from the <c>origin</c> remote, branch and commit
/// from <c>HEAD</c>. Variables already set are kept; without git, nothing is added.
/// </summary>
public static partial class GitFallback
{
    /// <summary>The environment, completed from git where GitHub Actions' variables are missing.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="workingDirectory">A directory inside the checkout.</param>
    public static IReadOnlyDictionary<string, string?> Complete(IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        if (IsSet(environment, "GITHUB_REPOSITORY") && (IsSet(environment, "GITHUB_HEAD_REF") || IsSet(environment, "GITHUB_REF_NAME")))
        {
            return environment;
        }

        var completed = new Dictionary<string, string?>(environment, StringComparer.Ordinal);
        if (!IsSet(environment, "GITHUB_REPOSITORY") && ParseRemote(Git(workingDirectory, "config", "--get", "remote.origin.url")) is { } remote)
        {
            completed["GITHUB_REPOSITORY"] = remote.Repository;
            if (!IsSet(environment, "GITHUB_SERVER_URL"))
            {
                completed["GITHUB_SERVER_URL"] = remote.ServerUrl;
            }
        }

        if (!IsSet(environment, "GITHUB_HEAD_REF") && !IsSet(environment, "GITHUB_REF_NAME") &&
            Git(workingDirectory, "rev-parse", "--abbrev-ref", "HEAD") is { } branch && branch != "HEAD")
        {
            completed["GITHUB_REF_NAME"] = branch;
        }

        if (!IsSet(environment, "GITHUB_SHA") && Git(workingDirectory, "rev-parse", "HEAD") is { } sha)
        {
            completed["GITHUB_SHA"] = sha;
        }

        return completed;
    }

    /// <summary>
    /// <c>owner/name</c> and the web server of a remote URL: <c>https://host/owner/name(.git)</c>,
    /// <c>git@host:owner/name.git</c> or <c>ssh://git@host/owner/name.git</c>; null otherwise.
    /// </summary>
    /// <param name="remote">The remote URL.</param>
    public static (string Repository, string ServerUrl)? ParseRemote(string? remote)
    {
        var match = remote is null ? null : RemotePattern().Match(remote.Trim());
        return match is { Success: true }
            ? ($"{match.Groups["owner"].Value}/{match.Groups["name"].Value}", "https://" + match.Groups["host"].Value)
            : null;
    }

    private static bool IsSet(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value);

    private static string? Git(string workingDirectory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(5000) && process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            // No git on this machine: the event simply carries less context.
            return null;
        }
    }

    [GeneratedRegex(@"^(?:(?:https?|ssh|git)://(?:[^@/]+@)?(?<host>[^/:]+)(?::\d+)?/|[^@/]+@(?<host>[^:/]+):)(?<owner>[^/]+)/(?<name>[^/]+?)(?:\.git)?/?$", RegexOptions.CultureInvariant)]
    private static partial Regex RemotePattern();
}
