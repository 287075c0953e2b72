using System.ComponentModel;
using System.Diagnostics;

namespace SpecCake.Implementation;

/// <summary>
/// Runs one program: an argument list (never a command line a shell would parse), an exact
/// environment, optional text on stdin, both outputs read at the same time (a program never waits
/// on a full pipe) into bounded sinks, and a time limit after which the program and everything it
/// started is killed. The only place SpecCake starts a process: git (change detection, the event
/// fallback, ImplementSpec's workspace), the agents and the verify commands all run through it.
/// </summary>
internal static class ChildProcess
{
    // Once the program has exited, how long its outputs may stay open (a background child it left
    // behind holds them) before they are abandoned.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(3);

    /// <summary>Runs <paramref name="start"/> to its end, its time limit or cancellation.</summary>
    /// <param name="start">What to run.</param>
    /// <param name="output">Receives standard output.</param>
    /// <param name="error">Receives standard error (may be <paramref name="output"/>).</param>
    /// <param name="cancellationToken">Kills the program when cancelled (the run's own time limit).</param>
    public static async Task<ProcessOutcome> RunAsync(ProcessStart start, IProcessOutput output, IProcessOutput error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var info = new ProcessStartInfo(start.FileName)
        {
            WorkingDirectory = start.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in start.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Exactly the environment asked for: what is left out (other integrations' secrets) stays out.
        info.Environment.Clear();
        foreach (var (name, value) in start.Environment)
        {
            if (value is not null)
            {
                info.Environment[name] = value;
            }
        }

        var watch = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception($"{start.FileName} did not start");
        }
        catch (Win32Exception exception)
        {
            return new ProcessOutcome(null, ProcessEnd.NotStarted, watch.Elapsed, exception.Message);
        }

        using (process)
        {
            using var drain = new CancellationTokenSource();
            var reading = Task.WhenAll(
                output.ReadAsync(process.StandardOutput, drain.Token),
                error.ReadAsync(process.StandardError, drain.Token));
            _ = WriteInputAsync(process, start.StandardInput);

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(start.Timeout);
            var end = ProcessEnd.Exited;
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                end = cancellationToken.IsCancellationRequested ? ProcessEnd.Canceled : ProcessEnd.TimedOut;
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }

            try
            {
                await reading.WaitAsync(DrainGrace, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await drain.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Abandoned above: what was read so far is kept.
            }

            output.Flush();
            error.Flush();
            return new ProcessOutcome(end == ProcessEnd.Exited ? process.ExitCode : null, end, watch.Elapsed, null);
        }
    }

    private static async Task WriteInputAsync(Process process, string? input)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program did not read its input (or exited first): nothing to deliver it to.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited just now.
        }
        catch (Win32Exception)
        {
        }
    }
}

/// <summary>Where <see cref="ChildProcess"/> puts one output stream of a program; bounded by the sink.</summary>
internal interface IProcessOutput
{
    /// <summary>Reads the stream to its end (or until <paramref name="cancellationToken"/> abandons it).</summary>
    Task ReadAsync(TextReader reader, CancellationToken cancellationToken);

    /// <summary>Called once the program ended and the stream was read.</summary>
    void Flush();
}

/// <summary>What to run.</summary>
/// <param name="FileName">The program (a path, or a name looked up on <c>PATH</c>).</param>
/// <param name="Arguments">Its arguments, each passed as is.</param>
/// <param name="WorkingDirectory">Where it runs (the repository root).</param>
/// <param name="Environment">Its whole environment.</param>
/// <param name="StandardInput">Text written to its stdin, which is then closed; null closes it at once.</param>
/// <param name="Timeout">How long it may run.</param>
internal sealed record ProcessStart(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    string? StandardInput,
    TimeSpan Timeout);

/// <summary>How a program ended.</summary>
/// <param name="ExitCode">Its exit code, when it exited by itself.</param>
/// <param name="End">Exited, timed out, cancelled or never started.</param>
/// <param name="Elapsed">How long it ran.</param>
/// <param name="StartError">Why it did not start.</param>
internal sealed record ProcessOutcome(int? ExitCode, ProcessEnd End, TimeSpan Elapsed, string? StartError)
{
    public bool Succeeded => End == ProcessEnd.Exited && ExitCode == 0;
}

/// <summary>How a program ended.</summary>
internal enum ProcessEnd
{
    Exited,
    TimedOut,
    Canceled,
    NotStarted,
}
