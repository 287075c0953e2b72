using System.Globalization;

namespace SpecCake.Implementation;

/// <summary>How one verify command ended.</summary>
/// <param name="Command">The command.</param>
/// <param name="Outcome">How its process ended.</param>
/// <param name="Output">The end of what it printed (stdout and stderr), masked.</param>
/// <param name="LogFile">The file with its whole (bounded, masked) output.</param>
public sealed record VerifyResult(VerifyCommand Command, VerifyOutcome Outcome, string Output, string? LogFile)
{
    /// <summary>Whether it exited 0.</summary>
    public bool Passed => Outcome.Status == VerifyStatus.Passed;

    /// <summary>"passed", "exited with code 1", "timed out after 10 min", "could not start: ...".</summary>
    public string Describe() => Outcome.Status switch
    {
        VerifyStatus.Passed => "passed",
        VerifyStatus.Failed => string.Create(CultureInfo.InvariantCulture, $"exited with code {Outcome.ExitCode}"),
        VerifyStatus.TimedOut => string.Create(CultureInfo.InvariantCulture, $"timed out after {Outcome.Elapsed.TotalMinutes:0.#} min"),
        VerifyStatus.Canceled => "was stopped: the run's time limit was reached",
        _ => $"could not start: {Outcome.Error}",
    };
}

/// <summary>How a verify command's process ended.</summary>
/// <param name="Status">Passed, failed, timed out, stopped, not started.</param>
/// <param name="ExitCode">Its exit code, when it exited.</param>
/// <param name="Elapsed">How long it ran.</param>
/// <param name="Error">Why it did not start.</param>
public sealed record VerifyOutcome(VerifyStatus Status, int? ExitCode, TimeSpan Elapsed, string? Error = null);

/// <summary>The verdict on one verify command.</summary>
public enum VerifyStatus
{
    /// <summary>It exited 0.</summary>
    Passed,
    /// <summary>It exited with another code.</summary>
    Failed,
    /// <summary>It ran past its time limit and was killed.</summary>
    TimedOut,
    /// <summary>The run's own time limit stopped it.</summary>
    Canceled,
    /// <summary>It could not be started.</summary>
    NotStarted,
}
