using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SpecCake.Specs.Changes;

/// <summary>
/// A git working tree, read through the git command line. The CLI rather than a library
/// because CI checkouts are shallow, partial or worktrees, and only git itself reads all of them.
/// </summary>
internal sealed class GitRepository
{
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
        if (result.ExitCode != 0)
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
        if (result.ExitCode == 0)
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
        if (result.ExitCode != 0)
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
        return result.ExitCode == 0 ? result.Output : null;
    }

    private static GitResult Run(string workingDirectory, params string[] arguments) => Run(workingDirectory, arguments, int.MaxValue);

    private static GitResult Run(string workingDirectory, string[] arguments, int maxOutputChars)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never wait for a credential prompt in CI; keep messages in one language for the hints.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SpecChangeDetectionException("git could not be started.");
        }
        catch (Win32Exception exception)
        {
            throw new SpecChangeDetectionException($"git is not installed or not on PATH ({exception.Message}).");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var (output, truncated) = ReadAtMost(process.StandardOutput, maxOutputChars);
            if (truncated)
            {
                process.Kill(entireProcessTree: true);
            }

            if (!process.WaitForExit(CommandTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new SpecChangeDetectionException($"git {arguments[0]} did not finish within {CommandTimeout.TotalSeconds} s.");
            }

            return new GitResult(truncated ? 0 : process.ExitCode, output, error.GetAwaiter().GetResult()) { Truncated = truncated };
        }
    }

    private static (string Text, bool Truncated) ReadAtMost(StreamReader reader, int maxChars)
    {
        if (maxChars == int.MaxValue)
        {
            return (reader.ReadToEnd(), false);
        }

        var buffer = new char[Math.Min(maxChars, 64 * 1024)];
        var text = new StringBuilder();
        int read;
        while (text.Length < maxChars && (read = reader.Read(buffer, 0, Math.Min(buffer.Length, maxChars - text.Length))) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return (text.ToString(), text.Length >= maxChars);
    }

    private sealed record GitResult(int ExitCode, string Output, string Error)
    {
        public bool Truncated { get; init; }

        public string FirstErrorLine =>
            Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? $"exit code {ExitCode}";
    }
}
