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

    public static ProcessRun Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
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
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish in time.\n{output.Result}\n{error.Result}");
        }

        process.WaitForExit(); // flush the asynchronous readers
        return new ProcessRun(process.ExitCode, Ansi().Replace(output.Result, ""), Ansi().Replace(error.Result, ""), watch.Elapsed);
    }

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
