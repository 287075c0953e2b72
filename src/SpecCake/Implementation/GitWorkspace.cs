using System.Globalization;
using SpecCake.Configuration;

namespace SpecCake.Implementation;

/// <summary>
/// The git side of ImplementSpec, through the git command line (argument lists, never a shell):
/// check the tree is clean, create or reset the spec branch from the base, commit what the agent
/// changed, push it, and undo the push when the pull request cannot be opened.
/// </summary>
internal sealed class GitWorkspace(ImplementationWorkspace workspace, IReadOnlyDictionary<string, string?> environment, SecretMasker masker)
{
    private static readonly TimeSpan LocalTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RemoteTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The identity of SpecCake's commits where git has none configured (a CI runner).</summary>
    public const string DefaultAuthorName = "SpecCake";

    /// <summary>The e-mail of that identity.</summary>
    public const string DefaultAuthorEmail = "speccake@users.noreply.github.com";

    /// <summary>The top of the working tree containing <paramref name="directory"/>, or null outside one.</summary>
    public static async Task<string?> FindRootAsync(string directory, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var result = await RunGitAsync(directory, environment, SecretMaskerOf(), ["rev-parse", "--show-toplevel"], LocalTimeout, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? Path.GetFullPath(result.Output.Trim()) : null;
    }

    /// <summary>Changed or untracked paths, SpecCake's own files left out; empty when the tree is clean.</summary>
    public async Task<IReadOnlyList<string>> DirtyPathsAsync(CancellationToken cancellationToken)
    {
        var result = await RequireAsync(["status", "--porcelain=v1", "--untracked-files=all", "-z", "--", ".", .. await ExclusionsAsync(cancellationToken).ConfigureAwait(false)], "check the working tree", LocalTimeout, cancellationToken).ConfigureAwait(false);
        return [.. result.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(entry => entry.Length > 3 && entry[2] == ' ').Select(entry => entry[3..])];
    }

    /// <summary>The <c>origin</c> remote's URL, or null when there is none.</summary>
    public async Task<string?> OriginAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["remote", "get-url", "origin"], LocalTimeout, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 && result.Output.Trim().Length > 0 ? result.Output.Trim() : null;
    }

    /// <summary>
    /// The default branch of origin, read-only: as this clone last saw it (<c>refs/remotes/origin/HEAD</c>),
    /// else as origin says (<c>git ls-remote --symref origin HEAD</c>); null when neither tells.
    /// </summary>
    public async Task<string?> DefaultBranchAsync(CancellationToken cancellationToken)
    {
        var local = await RunAsync(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], LocalTimeout, cancellationToken).ConfigureAwait(false);
        var name = local.Output.Trim();
        if (local.ExitCode == 0 && name.StartsWith("origin/", StringComparison.Ordinal))
        {
            return name["origin/".Length..];
        }

        var remote = await RunAsync(["ls-remote", "--symref", "origin", "HEAD"], RemoteTimeout, cancellationToken).ConfigureAwait(false);
        var line = remote.Output.Split('\n').FirstOrDefault(entry => entry.StartsWith("ref: refs/heads/", StringComparison.Ordinal));
        return remote.ExitCode == 0 && line is not null ? line["ref: refs/heads/".Length..].Split('\t')[0] : null;
    }

    /// <summary>The branch checked out now, or null on a detached HEAD.</summary>
    public async Task<string?> CurrentBranchAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["symbolic-ref", "--quiet", "--short", "HEAD"], LocalTimeout, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }

    /// <summary>The commit of a branch on <c>origin</c>, or null when it does not exist there.</summary>
    public async Task<string?> RemoteBranchAsync(string branch, CancellationToken cancellationToken)
    {
        var output = await RequireAsync(["ls-remote", "--heads", "origin", "refs/heads/" + branch], "read the branches of origin", RemoteTimeout, cancellationToken).ConfigureAwait(false);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return line?.Split('\t')[0];
    }

    /// <summary>Fetches <paramref name="branch"/> from <c>origin</c> into <c>refs/remotes/origin/</c>.</summary>
    public Task FetchAsync(string branch, CancellationToken cancellationToken) =>
        RequireAsync(["fetch", "--no-tags", "--quiet", "origin", $"+refs/heads/{branch}:refs/remotes/origin/{branch}"], $"fetch {branch} from origin", RemoteTimeout, cancellationToken);

    /// <summary>Creates or resets <paramref name="branch"/> at <c>origin/&lt;base&gt;</c> and checks it out.</summary>
    public Task CheckoutFromBaseAsync(string branch, string baseBranch, CancellationToken cancellationToken) =>
        RequireAsync(["checkout", "--quiet", "--no-track", "-B", branch, $"refs/remotes/origin/{baseBranch}"], $"create {branch} from origin/{baseBranch}", LocalTimeout, cancellationToken);

    /// <summary>The commit <c>HEAD</c> points at.</summary>
    public async Task<string> HeadAsync(CancellationToken cancellationToken) =>
        (await RequireAsync(["rev-parse", "HEAD"], "read HEAD", LocalTimeout, cancellationToken).ConfigureAwait(false)).Trim();

    /// <summary>Stages every change but SpecCake's own files; whether anything is staged.</summary>
    public async Task<bool> StageAsync(CancellationToken cancellationToken)
    {
        await RequireAsync(["add", "--all", "--", ".", .. await ExclusionsAsync(cancellationToken).ConfigureAwait(false)], "stage the agent's changes", LocalTimeout, cancellationToken).ConfigureAwait(false);
        var diff = await RunAsync(["diff", "--cached", "--quiet"], LocalTimeout, cancellationToken).ConfigureAwait(false);
        return diff.ExitCode == 1;
    }

    /// <summary>Commits what is staged, with the message in <paramref name="messageFile"/>; the new commit.</summary>
    public async Task<string> CommitAsync(string messageFile, CancellationToken cancellationToken)
    {
        var identity = await RunAsync(["config", "user.email"], LocalTimeout, cancellationToken).ConfigureAwait(false);
        string[] author = identity.ExitCode == 0 && identity.Output.Trim().Length > 0
            ? []
            : ["-c", "user.name=" + DefaultAuthorName, "-c", "user.email=" + DefaultAuthorEmail];
        await RequireAsync([.. author, "commit", "--quiet", "--no-verify", "--file", messageFile], "commit the agent's changes", LocalTimeout, cancellationToken).ConfigureAwait(false);
        return await HeadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pushes <c>HEAD</c> to <paramref name="branch"/> on origin, replacing what is there only if it
    /// is still <paramref name="expected"/> (null: the branch must not exist yet), so a push someone
    /// made meanwhile is never overwritten.
    /// </summary>
    public Task PushAsync(string branch, string? expected, CancellationToken cancellationToken) =>
        RequireAsync(["push", "--quiet", "--porcelain", $"--force-with-lease=refs/heads/{branch}:{expected}", "origin", $"HEAD:refs/heads/{branch}"], $"push {branch} to origin", RemoteTimeout, cancellationToken);

    /// <summary>Puts <paramref name="branch"/> on origin back as it was before <see cref="PushAsync"/>: deleted, or at <paramref name="previous"/>.</summary>
    public Task RestoreRemoteAsync(string branch, string? previous, string pushed, CancellationToken cancellationToken) =>
        RequireAsync(
            ["push", "--quiet", "--porcelain", $"--force-with-lease=refs/heads/{branch}:{pushed}", "origin", previous is null ? $":refs/heads/{branch}" : $"{previous}:refs/heads/{branch}"],
            $"restore {branch} on origin",
            RemoteTimeout,
            cancellationToken);

    /// <summary>The commands a real run would make, for the dry run.</summary>
    public static IReadOnlyList<string> Plan(string branch, string baseBranch, IReadOnlyList<string> excluded)
    {
        var exclusions = string.Join(' ', excluded.Select(path => $"':(exclude){path}'"));
        return
        [
            $"git fetch --no-tags origin +refs/heads/{baseBranch}:refs/remotes/origin/{baseBranch}",
            $"git checkout --no-track -B {branch} refs/remotes/origin/{baseBranch}",
            $"git add --all -- . {exclusions}",
            "git commit --no-verify --file <commit message>",
            $"git push --force-with-lease=refs/heads/{branch}:<commit seen at the start> origin HEAD:refs/heads/{branch}",
        ];
    }

    /// <summary>
    /// Pathspecs leaving out SpecCake's own files, for those git does not ignore already (naming an
    /// ignored path, even to exclude it, makes <c>git add</c> fail).
    /// </summary>
    private async Task<string[]> ExclusionsAsync(CancellationToken cancellationToken)
    {
        var exclusions = new List<string>();
        foreach (var path in workspace.Excluded)
        {
            var ignored = await RunAsync(["check-ignore", "--quiet", "--", path], LocalTimeout, cancellationToken).ConfigureAwait(false);
            if (ignored.ExitCode != 0)
            {
                exclusions.Add($":(exclude){path}");
            }
        }

        return [.. exclusions];
    }

    private async Task<string> RequireAsync(string[] arguments, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await RunAsync(arguments, timeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0)
        {
            return result.Output;
        }

        var reason = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(line => line.Length > 0)
            ?? result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? string.Create(CultureInfo.InvariantCulture, $"exit code {result.ExitCode}");
        throw new ImplementationException(masker.Apply($"git could not {what}: {reason}"));
    }

    private Task<GitResult> RunAsync(string[] arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunGitAsync(workspace.Root, environment, masker, arguments, timeout, cancellationToken);

    private static async Task<GitResult> RunGitAsync(
        string directory, IReadOnlyDictionary<string, string?> environment, SecretMasker masker, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gitEnvironment = new Dictionary<string, string?>(environment, StringComparer.Ordinal)
        {
            // Never wait for a credential prompt in CI; one language for the messages.
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["LC_ALL"] = "C",
        };
        using var output = new CapturedOutput(masker, null, 0, 256 * 1024);
        using var error = new CapturedOutput(masker, null, 0, 16 * 1024);
        var outcome = await ChildProcess.RunAsync(
            new ProcessStart("git", arguments, directory, gitEnvironment, StandardInput: null, timeout), output, error, cancellationToken).ConfigureAwait(false);
        return outcome.End switch
        {
            ProcessEnd.NotStarted => throw new ImplementationException($"git is not installed or not on PATH ({outcome.StartError})."),
            ProcessEnd.TimedOut => new GitResult(-1, output.Tail, string.Create(CultureInfo.InvariantCulture, $"git {arguments[0]} did not finish within {timeout.TotalSeconds:0} s")),
            ProcessEnd.Canceled => throw new OperationCanceledException(cancellationToken),
            _ => new GitResult(outcome.ExitCode ?? -1, output.Tail, error.Tail),
        };
    }

    private static SecretMasker SecretMaskerOf() => new();

    private sealed record GitResult(int ExitCode, string Output, string Error);
}
