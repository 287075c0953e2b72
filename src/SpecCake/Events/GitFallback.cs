using System.Text.RegularExpressions;
using SpecCake.Implementation;
using SpecCake.Specs.Changes;

namespace SpecCake.Events;

/// <summary>
/// Outside GitHub Actions, fills what Actions' environment would have given from the local git
/// checkout (docs/design/contract.md#values-from-the-environment): repository and server from the <c>origin</c> remote, branch and commit
/// from <c>HEAD</c>. Variables already set are kept; without git, nothing is added.
/// </summary>
public static partial class GitFallback
{
    // One line (a URL, a branch name, a commit id); a remote URL is far shorter.
    private const int MaxAnswerChars = 4096;

    // git answers these from local files in milliseconds; one that takes longer is stuck (a
    // network file system, a lock), and the event is worth more on time than with a commit id.
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The environment, completed from git where GitHub Actions' variables are missing.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="workingDirectory">A directory inside the checkout.</param>
    public static IReadOnlyDictionary<string, string?> Complete(IReadOnlyDictionary<string, string?> environment, string workingDirectory) =>
        Complete(environment, workingDirectory, GitTimeout);

    /// <summary><see cref="Complete(IReadOnlyDictionary{string, string}, string)"/> with each git command's time limit.</summary>
    internal static IReadOnlyDictionary<string, string?> Complete(IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan gitTimeout)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        if (IsSet(environment, "GITHUB_REPOSITORY") && (IsSet(environment, "GITHUB_HEAD_REF") || IsSet(environment, "GITHUB_REF_NAME")))
        {
            return environment;
        }

        var git = new GitAnswers(workingDirectory, gitTimeout);
        var completed = new Dictionary<string, string?>(environment, StringComparer.Ordinal);
        if (!IsSet(environment, "GITHUB_REPOSITORY") && ParseRemote(git.Ask("config", "--get", "remote.origin.url")) is { } remote)
        {
            completed["GITHUB_REPOSITORY"] = remote.Repository;
            if (!IsSet(environment, "GITHUB_SERVER_URL"))
            {
                completed["GITHUB_SERVER_URL"] = remote.ServerUrl;
            }
        }

        if (!IsSet(environment, "GITHUB_HEAD_REF") && !IsSet(environment, "GITHUB_REF_NAME") &&
            git.Ask("rev-parse", "--abbrev-ref", "HEAD") is { } branch && branch != "HEAD")
        {
            completed["GITHUB_REF_NAME"] = branch;
        }

        if (!IsSet(environment, "GITHUB_SHA") && git.Ask("rev-parse", "HEAD") is { } sha)
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

    /// <summary>git's one-line answers in one checkout; nothing once git did not answer in time.</summary>
    private sealed class GitAnswers(string workingDirectory, TimeSpan timeout)
    {
        private bool _stuck;

        public string? Ask(params string[] arguments)
        {
            if (_stuck)
            {
                // A git that hung once hangs again: the run does not wait for it three times.
                return null;
            }

            // Without git (not installed, not a checkout, no remote) the event simply carries less context.
            var result = GitCommand.Run(workingDirectory, arguments, timeout, MaxAnswerChars);
            _stuck = result.Outcome.End == ProcessEnd.TimedOut;
            var answer = result.Output.Trim();
            return result.Succeeded && answer.Length > 0 ? answer : null;
        }
    }

    [GeneratedRegex(@"^(?:(?:https?|ssh|git)://(?:[^@/]+@)?(?<host>[^/:]+)(?::\d+)?/|[^@/]+@(?<host>[^:/]+):)(?<owner>[^/]+)/(?<name>[^/]+?)(?:\.git)?/?$", RegexOptions.CultureInvariant)]
    private static partial Regex RemotePattern();
}
