using System.Globalization;
using SpecCake.Configuration;

namespace SpecCake.Implementation;

/// <summary>
/// The git side of ImplementSpec, through the git command line (argument lists, never a shell):
/// check the tree is clean, check the spec branch out where origin has it (or from the base), find
/// SpecCake's own commits by their trailer, keep a tip before a restart moves the branch, commit
/// what the agent changed, push it without ever overwriting someone else's push, and undo the push
/// when the pull request cannot be opened.
/// </summary>
/// <remarks>
/// Every command runs with hooks, fsmonitor and credential helpers switched off: the agent could
/// have written <c>.git/config</c> or <c>.git/hooks</c>, and nothing it wrote may run with
/// SpecCake's environment. Only the commands that talk to origin get the GitHub token, as an
/// HTTP header scoped to the GitHub server and passed through the environment (never on a
/// command line), so a checkout made with <c>persist-credentials: false</c> still pushes.
/// </remarks>
internal sealed class GitWorkspace(ImplementationWorkspace workspace, IReadOnlyDictionary<string, string?> environment, SecretMasker masker)
{
    /// <summary>The trailer that marks SpecCake's own commits: <c>SpecCake-Spec: FEAT-0001</c>.</summary>
    public const string Trailer = "SpecCake-Spec";

    /// <summary>Where a tip is kept before <c>--restart</c> moves the branch: <c>refs/speccake/previous/&lt;branch&gt;/&lt;time&gt;</c>.</summary>
    public const string KeptRefs = "refs/speccake/previous";

    // Settings of a clone that make git run a program (or skip SpecCake's checks), reset for
    // every command SpecCake runs.
    private static readonly string[] Hardening =
    [
        "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "credential.helper=",
        "-c", "core.quotePath=false", "-c", "diff.external=", "-c", "core.sshCommand=ssh",
    ];

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

        var remote = await RunAsync(["ls-remote", "--symref", "origin", "HEAD"], RemoteTimeout, cancellationToken, remote: true).ConfigureAwait(false);
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
        var output = await RequireAsync(["ls-remote", "--heads", "origin", "refs/heads/" + branch], "read the branches of origin", RemoteTimeout, cancellationToken, remote: true).ConfigureAwait(false);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return line?.Split('\t')[0];
    }

    /// <summary>Fetches <paramref name="branch"/> from <c>origin</c> into <c>refs/remotes/origin/</c>.</summary>
    public Task FetchAsync(string branch, CancellationToken cancellationToken) =>
        RequireAsync(["fetch", "--no-tags", "--quiet", "origin", $"+refs/heads/{branch}:refs/remotes/origin/{branch}"], $"fetch {branch} from origin", RemoteTimeout, cancellationToken, remote: true);

    /// <summary>Points the local <paramref name="branch"/> at <c>origin/&lt;from&gt;</c> (the base, or the spec branch's own tip on origin) and checks it out.</summary>
    /// <param name="branch">The spec branch.</param>
    /// <param name="from">The remote branch it starts at: the base, or the spec branch itself to continue on origin's tip.</param>
    /// <param name="cancellationToken">Stops it.</param>
    public Task CheckoutAsync(string branch, string from, CancellationToken cancellationToken) =>
        RequireAsync(["checkout", "--quiet", "--no-track", "-B", branch, $"refs/remotes/origin/{from}"], $"check {branch} out at origin/{from}", LocalTimeout, cancellationToken);

    /// <summary>
    /// SpecCake's last commit for <paramref name="specId"/> among those on <paramref name="tip"/> and
    /// not on <paramref name="baseRef"/> (its trailer says so), with the commits others made after it,
    /// newest first; null when SpecCake made none.
    /// </summary>
    public async Task<OwnCommit?> LastOwnCommitAsync(string tip, string baseRef, string specId, CancellationToken cancellationToken)
    {
        var log = await RequireAsync(
            ["log", "--max-count=500", $"--format=%H%x1f%ct%x1f%an%x1f%s%x1f%(trailers:key={Trailer},valueonly,separator=%x2C)%x1e", tip, "--not", baseRef, "--"],
            "read the spec branch's history",
            LocalTimeout,
            cancellationToken).ConfigureAwait(false);
        var others = new List<BranchCommit>();
        foreach (var entry in log.Split('\x1e', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = entry.Split('\x1f');
            if (fields.Length < 5)
            {
                continue;
            }

            var commit = new BranchCommit(fields[0], DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields[1], CultureInfo.InvariantCulture)), fields[2], fields[3]);
            if (fields[4].Split(',', StringSplitOptions.TrimEntries).Contains(specId, StringComparer.OrdinalIgnoreCase))
            {
                return new OwnCommit(commit, others);
            }

            others.Add(commit);
        }

        return null;
    }

    /// <summary>Whether <paramref name="ancestor"/> is an ancestor of (or the same as) <paramref name="descendant"/>.</summary>
    public async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken cancellationToken) =>
        (await RunAsync(["merge-base", "--is-ancestor", ancestor, descendant], LocalTimeout, cancellationToken).ConfigureAwait(false)).ExitCode == 0;

    /// <summary>
    /// Pushes <paramref name="commit"/> to a new ref under <see cref="KeptRefs"/> on origin (never
    /// over an existing one), so a restart that moves the branch loses nothing; the ref's name.
    /// </summary>
    public async Task<string> KeepAsync(string branch, string commit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{KeptRefs}/{branch}/{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
        await RequireAsync(["push", "--quiet", "--porcelain", "--no-verify", $"--force-with-lease={name}:", "origin", $"{commit}:{name}"], $"keep {branch}'s tip on origin", RemoteTimeout, cancellationToken, remote: true).ConfigureAwait(false);
        return name;
    }

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

    /// <summary>
    /// Writes the staged change to <paramref name="file"/>: every added line and every file name,
    /// binary files as text, renames as whole files, no external diff or text conversion.
    /// </summary>
    public Task WriteStagedChangeAsync(string file, CancellationToken cancellationToken) =>
        RequireAsync(["diff", "--cached", "--text", "--no-renames", "--no-ext-diff", "--no-textconv", "--no-color", "--unified=0", "--output=" + file], "read the staged change", LocalTimeout, cancellationToken);

    /// <summary>
    /// Credentials the clone's git configuration holds (an <c>http.extraheader</c> that
    /// <c>actions/checkout</c> leaves, a password in a remote URL), decoded, so a change that copies
    /// one is caught too.
    /// </summary>
    public async Task<IReadOnlyList<string>> ConfiguredCredentialsAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["config", "--null", "--get-regexp", @"(extraheader|\.url|pushurl|insteadof|token|password)$"], LocalTimeout, cancellationToken).ConfigureAwait(false);
        var found = new List<string>();
        foreach (var entry in result.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var value = entry[(entry.IndexOf('\n', StringComparison.Ordinal) + 1)..].Trim();
            if (System.Text.RegularExpressions.Regex.Match(value, @"^\s*authorization:\s*(basic|bearer|token)\s+(?<v>\S+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } header)
            {
                var encoded = header.Groups["v"].Value;
                found.Add(encoded);
                try
                {
                    var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                    found.Add(decoded);
                    found.Add(decoded[(decoded.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                }
                catch (FormatException)
                {
                    // A bearer token is not base64: it is registered as it is.
                }
            }
            else if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.UserInfo.Length > 0)
            {
                var info = Uri.UnescapeDataString(url.UserInfo);
                found.Add(info[(info.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            }
            else if (entry.EndsWith("token", StringComparison.OrdinalIgnoreCase) || entry.Contains("password\n", StringComparison.OrdinalIgnoreCase))
            {
                found.Add(value);
            }
        }

        return [.. found.Where(value => value.Length >= 8).Distinct(StringComparer.Ordinal)];
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
    /// made meanwhile is never overwritten: that race fails the run, saying so.
    /// </summary>
    /// <exception cref="ImplementationException">The push failed, or someone pushed meanwhile.</exception>
    public async Task PushAsync(string branch, string? expected, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["push", "--quiet", "--porcelain", "--no-verify", $"--force-with-lease=refs/heads/{branch}:{expected}", "origin", $"HEAD:refs/heads/{branch}"], RemoteTimeout, cancellationToken, remote: true).ConfigureAwait(false);
        if (result.ExitCode == 0)
        {
            return;
        }

        var now = await RunAsync(["ls-remote", "--heads", "origin", "refs/heads/" + branch], RemoteTimeout, cancellationToken, remote: true).ConfigureAwait(false);
        var tip = now.ExitCode == 0 ? now.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Split('\t')[0] : null;
        if (now.ExitCode == 0 && tip != expected)
        {
            throw new ImplementationException(
                $"someone pushed to {branch} while the agent worked (origin has {Short(tip) ?? "deleted it"}, the run started from {Short(expected) ?? "no branch"}): nothing was pushed and nothing of theirs was overwritten; run ImplementSpec again to continue on top of their commits");
        }

        throw Failure(result, $"push {branch} to origin");
    }

    /// <summary>Puts <paramref name="branch"/> on origin back as it was before <see cref="PushAsync"/>: deleted, or at <paramref name="previous"/>.</summary>
    public Task RestoreRemoteAsync(string branch, string? previous, string pushed, CancellationToken cancellationToken) =>
        RequireAsync(
            ["push", "--quiet", "--porcelain", "--no-verify", $"--force-with-lease=refs/heads/{branch}:{pushed}", "origin", previous is null ? $":refs/heads/{branch}" : $"{previous}:refs/heads/{branch}"],
            $"restore {branch} on origin",
            RemoteTimeout,
            cancellationToken,
            remote: true);

    /// <summary>The first 12 characters of a commit, for messages.</summary>
    public static string? Short(string? commit) => commit?[..Math.Min(12, commit.Length)];

    /// <summary>The commands a real run would make, for the dry run.</summary>
    /// <param name="branch">The spec branch.</param>
    /// <param name="from">Where it is checked out: the base, or the spec branch itself (continued).</param>
    /// <param name="baseBranch">The base branch.</param>
    /// <param name="excluded">SpecCake's own files.</param>
    public static IReadOnlyList<string> Plan(string branch, string from, string baseBranch, IReadOnlyList<string> excluded)
    {
        var exclusions = string.Join(' ', excluded.Select(path => $"':(exclude){path}'"));
        List<string> commands = [$"git fetch --no-tags origin +refs/heads/{baseBranch}:refs/remotes/origin/{baseBranch}"];
        if (from != baseBranch)
        {
            commands.Add($"git fetch --no-tags origin +refs/heads/{from}:refs/remotes/origin/{from}");
        }

        commands.Add($"git checkout --no-track -B {branch} refs/remotes/origin/{from}");
        commands.Add($"git add --all -- . {exclusions}");
        commands.Add("git diff --cached --text --no-renames --unified=0 (scanned for secret values)");
        commands.Add($"git commit --no-verify --file <commit message with {Trailer}: ...>");
        commands.Add($"git push --no-verify --force-with-lease=refs/heads/{branch}:<commit seen at the start> origin HEAD:refs/heads/{branch}");
        return commands;
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

    private async Task<string> RequireAsync(string[] arguments, string what, TimeSpan timeout, CancellationToken cancellationToken, bool remote = false)
    {
        var result = await RunAsync(arguments, timeout, cancellationToken, remote).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Output : throw Failure(result, what);
    }

    private ImplementationException Failure(GitResult result, string what)
    {
        var reason = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(line => line.Length > 0)
            ?? result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? string.Create(CultureInfo.InvariantCulture, $"exit code {result.ExitCode}");
        return new ImplementationException(masker.Apply($"git could not {what}: {reason}"));
    }

    private Task<GitResult> RunAsync(string[] arguments, TimeSpan timeout, CancellationToken cancellationToken, bool remote = false) =>
        RunGitAsync(workspace.Root, remote ? WithToken() : Local(), masker, arguments, timeout, cancellationToken);

    // Local commands see no credential: a filter or program the agent configured gets nothing.
    private IReadOnlyDictionary<string, string?> Local() => AgentEnvironment.Scrub(environment, [], keepAnthropicKey: false);

    /// <summary>
    /// The environment of a command that talks to origin: the GitHub token as the Authorization
    /// header git sends to the GitHub server only (<c>http.&lt;server&gt;/.extraheader</c>, as
    /// <c>actions/checkout</c> sets it), through <c>GIT_CONFIG_*</c> rather than a command line
    /// other processes can read; any header the clone already has for that server is reset first.
    /// </summary>
    private IReadOnlyDictionary<string, string?> WithToken()
    {
        var scrubbed = Local();
        if (environment.GetValueOrDefault(SecretNames.GitHubToken) is not { Length: > 0 } token)
        {
            return scrubbed;
        }

        var server = (environment.GetValueOrDefault("GITHUB_SERVER_URL") is { Length: > 0 } given ? given : "https://github.com").TrimEnd('/') + "/";
        var header = "AUTHORIZATION: basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("x-access-token:" + token));
        masker.Add(header[("AUTHORIZATION: basic ".Length)..]);
        var withToken = new Dictionary<string, string?>(scrubbed, StringComparer.Ordinal)
        {
            ["GIT_CONFIG_COUNT"] = "2",
            ["GIT_CONFIG_KEY_0"] = $"http.{server}.extraheader",
            ["GIT_CONFIG_VALUE_0"] = string.Empty,
            ["GIT_CONFIG_KEY_1"] = $"http.{server}.extraheader",
            ["GIT_CONFIG_VALUE_1"] = header,
        };
        return withToken;
    }

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
            new ProcessStart("git", [.. Hardening, .. arguments], directory, gitEnvironment, StandardInput: null, timeout), output, error, cancellationToken).ConfigureAwait(false);
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

/// <summary>A commit on the spec branch.</summary>
/// <param name="Sha">Its hash.</param>
/// <param name="Time">When it was committed.</param>
/// <param name="Author">Its author's name.</param>
/// <param name="Subject">Its first line.</param>
internal sealed record BranchCommit(string Sha, DateTimeOffset Time, string Author, string Subject);

/// <summary>SpecCake's last commit on the spec branch and what others committed after it.</summary>
/// <param name="Commit">SpecCake's commit (it carries the trailer).</param>
/// <param name="Since">The commits made on top of it by others, newest first.</param>
internal sealed record OwnCommit(BranchCommit Commit, IReadOnlyList<BranchCommit> Since);
