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
        consoles.Console.WriteErrorLine("Error: {0}", message);
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
            log.Error("Error: {0}", error.Message);
        }

        var exitCode = error is CakeException cake ? cake.ExitCode : 1;
        return exitCode == 0 ? 1 : exitCode;
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
