using System.Collections;
using SpecCake.Implementation;

namespace SpecCake.Specs.Changes;

/// <summary>
/// One git command line run to its end through <see cref="ChildProcess"/>, in this process's
/// environment: both outputs read at once and bounded, a time limit that kills git and what it
/// started. For the readers of a checkout (change detection, the event fallback), which need no
/// masking: nothing they run carries a credential.
/// </summary>
internal static class GitCommand
{
    // A failing git says why in its first lines; the rest is not worth keeping.
    private const int MaxErrorChars = 64 * 1024;

    /// <summary>Runs <c>git</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="workingDirectory">Where git runs.</param>
    /// <param name="arguments">git's arguments, each passed as is.</param>
    /// <param name="timeout">How long git may run before it is killed.</param>
    /// <param name="maxOutputChars">
    /// The most characters of standard output kept; git is stopped as soon as it prints more
    /// (<see cref="GitResult.OutputCut"/>), since what it would print next is not read anyway.
    /// </param>
    public static GitResult Run(string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout, int maxOutputChars)
    {
        var environment = Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value, StringComparer.Ordinal);

        // Never wait for a credential prompt; one language for the messages read back.
        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["LC_ALL"] = "C";

        using var output = new BoundedText(maxOutputChars);
        using var error = new BoundedText(MaxErrorChars);
        var outcome = ChildProcess.RunAsync(
                new ProcessStart("git", arguments, workingDirectory, environment, StandardInput: null, timeout), output, error, output.Full)
            .GetAwaiter()
            .GetResult();
        return new GitResult(outcome, output.Text, output.Exceeded, error.Text);
    }
}

/// <summary>How a git command ended and what it printed.</summary>
/// <param name="Outcome">Its exit, time-out or failure to start.</param>
/// <param name="Output">Standard output, at most the limit asked for.</param>
/// <param name="OutputCut">Whether git printed more than the limit (and was stopped).</param>
/// <param name="Error">The start of standard error.</param>
internal sealed record GitResult(ProcessOutcome Outcome, string Output, bool OutputCut, string Error)
{
    /// <summary>Whether git exited by itself with 0 and its whole output was kept.</summary>
    public bool Succeeded => Outcome.Succeeded && !OutputCut;

    /// <summary>The first line git printed on standard error, or what else ended it.</summary>
    public string FirstErrorLine =>
        Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
        ?? (Outcome.ExitCode is { } code ? $"exit code {code}" : Outcome.End.ToString().ToLowerInvariant());
}
