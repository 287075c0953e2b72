using System.Globalization;
using SpecCake.Configuration;

namespace SpecCake.Implementation;

/// <summary>
/// Runs the <c>verify</c> commands after an agent round, in order, stopping at the first that
/// fails. They come from the configuration (trusted), so they run through the platform's shell:
/// <c>sh -c</c>, or <c>cmd /c</c> on Windows.
/// </summary>
internal sealed class VerifyStep(ImplementationWorkspace workspace, IReadOnlyDictionary<string, string?> environment, SecretMasker masker)
{
    // A verify command's log file; its tail is what the agent and the log see.
    private const long LogLimit = 4L * 1024 * 1024;

    /// <summary>The shell argument list for <paramref name="command"/>.</summary>
    public static (string FileName, string[] Arguments) Shell(string command) =>
        OperatingSystem.IsWindows() ? ("cmd.exe", ["/d", "/s", "/c", command]) : ("/bin/sh", ["-c", command]);

    /// <summary>Runs every command until one fails; one result per command run.</summary>
    /// <param name="attempt">The attempt number (names the log files).</param>
    /// <param name="commands">The verify commands.</param>
    /// <param name="defaultTimeout">The limit of a command without its own.</param>
    /// <param name="cancellationToken">The run's time limit.</param>
    public async Task<IReadOnlyList<VerifyResult>> RunAsync(int attempt, IReadOnlyList<VerifyCommand> commands, TimeSpan defaultTimeout, CancellationToken cancellationToken)
    {
        var results = new List<VerifyResult>();
        for (var index = 0; index < commands.Count; index++)
        {
            var command = commands[index];
            var logFile = workspace.Artifact(string.Create(CultureInfo.InvariantCulture, $"verify-{attempt}-{index + 1}.log"));
            var (fileName, arguments) = Shell(command.Run);
            var timeout = command.TimeoutMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : defaultTimeout;
            using var output = new CapturedOutput(masker, logFile, LogLimit, ImplementationPrompt.FeedbackLength);
            output.Append($"$ {command.Run}\n");
            var outcome = await ChildProcess.RunAsync(
                new ProcessStart(fileName, arguments, workspace.Root, environment, StandardInput: null, timeout),
                output,
                output,
                cancellationToken).ConfigureAwait(false);
            var status = outcome.End switch
            {
                ProcessEnd.NotStarted => VerifyStatus.NotStarted,
                ProcessEnd.TimedOut => VerifyStatus.TimedOut,
                ProcessEnd.Canceled => VerifyStatus.Canceled,
                _ => outcome.ExitCode == 0 ? VerifyStatus.Passed : VerifyStatus.Failed,
            };
            output.Flush();
            var result = new VerifyResult(command, new VerifyOutcome(status, outcome.ExitCode, outcome.Elapsed, outcome.StartError), output.Tail, logFile);
            results.Add(result);
            if (!result.Passed)
            {
                break;
            }
        }

        return results;
    }
}
