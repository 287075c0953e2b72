using System.Globalization;
using SpecCake.Configuration;

namespace SpecCake.Implementation;

/// <summary>
/// Any other agent (<c>agent: command</c>): the configured program and arguments, run in the
/// repository root, never through a shell. The prompt arrives on stdin and in the file named by
/// <c>SPECCAKE_PROMPT_FILE</c>; exit code 0 is success. Its output is the transcript.
/// </summary>
internal sealed class CommandAgent(string executable, ImplementationOptions options, ImplementationWorkspace workspace, IReadOnlyDictionary<string, string?> environment, SecretMasker masker, SpecCake.Specs.Spec spec, string branch) : ICodingAgent
{
    private const long TranscriptLimit = 8L * 1024 * 1024;

    public string Name => "command";

    public IReadOnlyList<string> CommandLine { get; } = [executable, .. options.Command.Skip(1)];

    public string Confinement => "none beyond its environment: the task's, without SpecCake's credentials (what it writes is still scanned for secrets before the commit)";

    public async Task<AgentOutcome> RunAsync(AgentRound round, CancellationToken cancellationToken)
    {
        var transcript = workspace.Artifact(string.Create(CultureInfo.InvariantCulture, $"agent-{round.Attempt}.log"));
        var agentEnvironment = new Dictionary<string, string?>(environment, StringComparer.Ordinal)
        {
            ["SPECCAKE_PROMPT_FILE"] = round.PromptFile,
            ["SPECCAKE_SPEC_ID"] = spec.Id,
            ["SPECCAKE_SPEC_FILE"] = spec.File,
            ["SPECCAKE_BRANCH"] = branch,
            ["SPECCAKE_ATTEMPT"] = round.Attempt.ToString(CultureInfo.InvariantCulture),
        };
        using var output = new CapturedOutput(masker, transcript, TranscriptLimit, 4096);
        var outcome = await ChildProcess.RunAsync(
            new ProcessStart(CommandLine[0], CommandLine.Skip(1).ToArray(), workspace.Root, agentEnvironment, round.Prompt, round.Timeout),
            output,
            output,
            cancellationToken).ConfigureAwait(false);
        var name = Path.GetFileName(options.Command[0]);
        var failure = outcome.End switch
        {
            ProcessEnd.NotStarted => $"the agent command '{name}' could not be started: {outcome.StartError}",
            ProcessEnd.TimedOut => string.Create(CultureInfo.InvariantCulture, $"the agent command '{name}' timed out after {round.Timeout.TotalMinutes:0.##} min and was stopped"),
            ProcessEnd.Canceled => $"the agent command '{name}' was stopped: the run's time limit (timeout_minutes) was reached",
            _ when outcome.ExitCode != 0 => string.Create(CultureInfo.InvariantCulture, $"the agent command '{name}' exited with code {outcome.ExitCode}: {ClaudeCodeAgent.LastLine(output.Tail)}"),
            _ => null,
        };
        // Its last words are its summary (for the pull request), as Claude Code's result is.
        return new AgentOutcome(failure is null, failure, outcome.Elapsed, null, transcript, LastLines(output.Tail, 20));
    }

    private static string? LastLines(string output, int count)
    {
        var lines = output.TrimEnd().ReplaceLineEndings("\n").Split('\n');
        var last = string.Join('\n', lines.Skip(Math.Max(0, lines.Length - count))).Trim();
        return last.Length == 0 ? null : last;
    }
}
