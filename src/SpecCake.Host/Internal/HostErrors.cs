using Cake.Core;
using Cake.Core.Diagnostics;

namespace SpecCake.Host.Internal;

/// <summary>
/// Turns failures into one clear message and an exit code. Users see the message; the stack
/// trace only at diagnostic verbosity, where someone is debugging the host itself.
/// </summary>
internal static class HostErrors
{
    public const int UsageExitCode = 1;

    /// <summary>A command line the host could not read (unknown word, missing value, bad verbosity).</summary>
    public static int ReportUsage(HostConsoles consoles, string message, string applicationName)
    {
        consoles.Console.WriteErrorLine("Error: {0}", OneLine(message));
        consoles.Console.WriteErrorLine("Run '{0} --help' to see the options.", applicationName);
        return UsageExitCode;
    }

    /// <summary>A failure while running: a task's exception, an unknown target, a missing directory.</summary>
    public static int Report(ICakeLog log, Exception exception)
    {
        var error = Unwrap(exception);
        if (log.Verbosity >= Verbosity.Diagnostic)
        {
            log.Error("Error: {0}", error);
        }
        else
        {
            log.Error("Error: {0}", OneLine(error.Message));
        }

        var exitCode = error is CakeException cake ? cake.ExitCode : 1;
        return exitCode == 0 ? 1 : exitCode;
    }

    /// <summary>
    /// The message as one line that no CI runner reads as a command: a value in it (a target, a
    /// verbosity, an argument, perhaps from a branch name) may hold line breaks, and a GitHub Actions
    /// runner executes any line that starts with <c>::</c> or holds <c>##[</c>. Behind "Error: ",
    /// a message without line breaks cannot start a line, so escaping them (and <c>##[</c>) is enough.
    /// The library's own messages are already one line (SpecCake's LogText).
    /// </summary>
    internal static string OneLine(string message)
    {
        var text = new System.Text.StringBuilder(message.Length);
        foreach (var c in message)
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\u0085' => "\\x85",
                '\u2028' => "\\u2028",
                '\u2029' => "\\u2029",
                _ when char.IsControl(c) && c != '\t' => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        return text.Replace("##[", "#\\x23[").ToString();
    }

    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case CakeReportException { InnerException: { } inner }:
                    exception = inner;
                    break;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    break;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    exception = aggregate.InnerExceptions[0];
                    break;
                default:
                    return exception;
            }
        }
    }
}
