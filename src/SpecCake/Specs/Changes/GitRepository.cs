using SpecCake.Implementation;

namespace SpecCake.Specs.Changes;

/// <summary>
/// A git working tree, read through the git command line (<see cref="GitCommand"/>). The CLI rather than a library
/// because CI checkouts are shallow, partial or worktrees, and only git itself reads all of them.
/// </summary>
internal sealed class GitRepository
{
    // A name-status listing this long is hundreds of thousands of changed files: no comparison a
    // spec event could come from, and reading more only costs memory.
    private const int MaxListingChars = 1 << 24;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private GitRepository(string root, string prefix)
    {
        Root = root;
        Prefix = prefix;
    }

    /// <summary>The top-level directory of the working tree.</summary>
    public string Root { get; }

    /// <summary>
    /// Where the directory it was discovered from lies in the repository, as git names it
    /// (<c>tools/config</c>; empty at the root). Asked of git rather than computed from paths
    /// so symbolic links (macOS <c>/tmp</c>) and case-insensitive file systems cannot skew it.
    /// </summary>
    public string Prefix { get; }

    /// <summary>Finds the repository that contains <paramref name="directory"/>.</summary>
    /// <exception cref="SpecChangeDetectionException">Not inside a git working tree, or git is missing.</exception>
    public static GitRepository Discover(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new SpecChangeDetectionException($"'{directory}' does not exist.");
        }

        var result = Run(directory, "rev-parse", "--show-toplevel", "--show-prefix");
        if (!result.Succeeded)
        {
            throw new SpecChangeDetectionException(
                $"'{directory}' is not inside a git repository: {result.FirstErrorLine}");
        }

        var lines = result.Output.Split('\n');
        return new GitRepository(lines[0].Trim(), lines.Length > 1 ? lines[1].Trim().TrimEnd('/') : "");
    }

    /// <summary>Resolves <paramref name="reference"/> to a full commit id.</summary>
    /// <exception cref="SpecChangeDetectionException">The ref or commit is not in this clone.</exception>
    public string ResolveCommit(string reference, string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var result = Run(Root, "rev-parse", "--verify", "--quiet", "--end-of-options", reference + "^{commit}");
        if (result.Succeeded)
        {
            return result.Output.Trim();
        }

        // The usual cause in CI is a shallow checkout that never fetched the base commit.
        var shallow = Run(Root, "rev-parse", "--is-shallow-repository").Output.Trim() == "true";
        var hint = shallow
            ? $"this is a shallow clone: fetch it with `git fetch --depth=1 origin {reference}` (or check out with `fetch-depth: 0`)"
            : $"fetch it with `git fetch origin {reference}`";
        throw new SpecChangeDetectionException($"{role} ref '{reference}' not found in {Root}; {hint}.");
    }

    /// <summary>The files that differ between two commits, renames detected (<c>git diff --name-status -M</c>).</summary>
    public IReadOnlyList<FileChange> Diff(string baseCommit, string headCommit)
    {
        var result = Run(Root, "diff", "--name-status", "-M", "-z", "--no-ext-diff", baseCommit, headCommit, "--");
        if (result.OutputCut)
        {
            throw new SpecChangeDetectionException(
                $"git diff {baseCommit} {headCommit} lists more than {MaxListingChars:N0} characters of changed files; compare two closer commits.");
        }

        if (!result.Succeeded)
        {
            throw new SpecChangeDetectionException($"git diff {baseCommit} {headCommit} failed: {result.FirstErrorLine}");
        }

        return FileChange.ParseNameStatus(result.Output);
    }

    /// <summary>
    /// The content of <paramref name="path"/> at <paramref name="commit"/>, or null when it has none there.
    /// At most one character past <see cref="Validation.SourceText.MaxBytes"/> is read: a larger file is
    /// no spec (ValidateSpecs says so), and reading a huge blob whole would only cost memory.
    /// </summary>
    public string? Show(string commit, string path)
    {
        var result = Run(Root, ["show", $"{commit}:{path}"], Validation.SourceText.MaxBytes + 1);
        // Cut: longer than any spec, which is all the caller needs to know.
        return result.Succeeded || result.OutputCut ? result.Output : null;
    }

    private static GitResult Run(string workingDirectory, params string[] arguments) => Run(workingDirectory, arguments, MaxListingChars);

    private static GitResult Run(string workingDirectory, string[] arguments, int maxOutputChars)
    {
        var result = GitCommand.Run(workingDirectory, arguments, CommandTimeout, maxOutputChars);
        return result.Outcome.End switch
        {
            ProcessEnd.NotStarted => throw new SpecChangeDetectionException($"git is not installed or not on PATH ({result.Outcome.StartError})."),
            ProcessEnd.TimedOut => throw new SpecChangeDetectionException($"git {arguments[0]} did not finish within {CommandTimeout.TotalSeconds} s."),
            _ => result,
        };
    }
}
