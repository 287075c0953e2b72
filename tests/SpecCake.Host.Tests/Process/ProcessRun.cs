using System.Diagnostics;

namespace SpecCake.Host.Tests.Process;

/// <summary>Runs a program to completion and keeps what it printed.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
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

        // Plain text: Cake colours its log with ANSI escapes unless NO_COLOR is set.
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish.\n{output.Result}\n{error.Result}");
        }

        process.WaitForExit();
        return new ProcessRun(process.ExitCode, output.Result, error.Result, watch.Elapsed);
    }
}
