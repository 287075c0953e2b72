using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SpecCake.TestSupport;

/// <summary>
/// Runs a program to completion the way CI would (no stdin, plain text, a hard time limit) and keeps
/// what it printed, colours removed. Linked into the test projects that start real processes.
/// </summary>
public sealed partial record ProcessRun(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    /// <summary>Standard output, then standard error.</summary>
    public string All => Output + Error;

    /// <summary>The process's peak resident memory as sampled (see <see cref="PeakMemorySampler"/>); -1 where it cannot be read.</summary>
    public long PeakResidentBytes { get; init; } = -1;

    public static ProcessRun Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        long? killAboveBytes = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Plain text (Cake colours its log with ANSI escapes unless NO_COLOR is set), no first-run
        // banners; the caller's variables win.
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        using var memory = new PeakMemorySampler(process, killAboveBytes);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish in time (peak {memory.PeakBytes / (1 << 20)} MiB).\n{Tail(output.Result)}\n{Tail(error.Result)}");
        }

        process.WaitForExit(); // flush the asynchronous readers
        return new ProcessRun(process.ExitCode, Ansi().Replace(output.Result, ""), Ansi().Replace(error.Result, ""), watch.Elapsed)
        {
            PeakResidentBytes = memory.Stop(),
        };
    }

    // A runaway process may have printed megabytes: the end says what it was doing.
    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];

    /// <summary><see cref="Start"/> off the calling thread, so several processes can run at once.</summary>
    public static Task<ProcessRun> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null) =>
        Task.Run(() => Start(fileName, arguments, workingDirectory, environment, timeout));

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s:\n{All}";

    [GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}
