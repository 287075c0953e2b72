using System.Globalization;
using SpecCake.Configuration;

namespace SpecCake.Implementation;

/// <summary>
/// Claude Code, headless: <c>claude -p --output-format stream-json --verbose --permission-mode dontAsk
/// --restricted --tools ... --settings {permissions, sandbox}</c> with the configured model, turns and
/// system prompt, the prompt on stdin (no length limit, never on a command line). What it may do is
/// <see cref="ClaudeCodePermissions"/>: inside the repository only, nothing that is not allowed, its
/// commands in the OS sandbox where one is installed. The stream is the transcript; its closing
/// <c>result</c> says whether the session succeeded and what it cost.
/// </summary>
internal sealed class ClaudeCodeAgent : ICodingAgent
{
    // A transcript past this is cut (the result line is still read).
    private const long TranscriptLimit = 32L * 1024 * 1024;

    private readonly ImplementationOptions _options;
    private readonly ImplementationWorkspace _workspace;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly SecretMasker _masker;

    /// <param name="executable">The CLI's full path.</param>
    /// <param name="options">The <c>implementation</c> block.</param>
    /// <param name="permissions">What it may do.</param>
    /// <param name="workspace">The repository and the artifact folder.</param>
    /// <param name="environment">The agent's environment (SpecCake's other credentials already left out).</param>
    /// <param name="masker">Masks the transcript.</param>
    public ClaudeCodeAgent(string executable, ImplementationOptions options, ClaudeCodePermissions permissions, ImplementationWorkspace workspace, IReadOnlyDictionary<string, string?> environment, SecretMasker masker)
    {
        this._options = options;
        this._workspace = workspace;
        this._masker = masker;
        var withDefaults = new Dictionary<string, string?>(environment, StringComparer.Ordinal);
        // No telemetry, error reporting or update checks from a CI job; a caller's own setting wins.
        withDefaults.TryAdd("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        this._environment = withDefaults;
        var sandbox = ClaudeCodePermissions.SandboxAvailable(workspace.Root, environment);
        CommandLine = [executable, .. Arguments(options, permissions, sandbox)];
        var commands = permissions.Allow.Count(rule => rule.StartsWith("Bash", StringComparison.Ordinal));
        Confinement = (permissions.Restricted ? "files: the repository only (--restricted); " : "files: as allowed_tools says (allow_outside_repository); ")
            + "anything not allowed is denied (dontAsk); "
            + (commands == 0 ? "commands: none" : string.Create(CultureInfo.InvariantCulture, $"commands: the {commands} allowed, ") + (sandbox ? "in the OS sandbox" : "without the OS sandbox (install bubblewrap and socat to add it)"));
    }

    public string Name => "claude-code";

    public IReadOnlyList<string> CommandLine { get; }

    public string Confinement { get; }

    /// <summary>Claude Code's arguments for <paramref name="options"/>.</summary>
    public static IReadOnlyList<string> Arguments(ImplementationOptions options, ClaudeCodePermissions permissions, bool sandbox)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(permissions);
        var arguments = new List<string> { "-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "dontAsk" };
        if (permissions.Restricted)
        {
            arguments.AddRange(["--restricted", "--tools", string.Join(',', permissions.Tools)]);
        }

        arguments.AddRange(["--settings", permissions.Settings(sandbox)]);
        if (options.Model is { } model)
        {
            arguments.AddRange(["--model", model]);
        }

        if (options.MaxTurns is { } turns)
        {
            arguments.AddRange(["--max-turns", turns.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.AppendSystemPrompt is { } system)
        {
            arguments.AddRange(["--append-system-prompt", system]);
        }

        return arguments;
    }

    public async Task<AgentOutcome> RunAsync(AgentRound round, CancellationToken cancellationToken)
    {
        var transcript = _workspace.Artifact(string.Create(CultureInfo.InvariantCulture, $"agent-{round.Attempt}.jsonl"));
        ClaudeCodeResult? result = null;
        using var output = new CapturedOutput(_masker, transcript, TranscriptLimit, 4096, line => result = ClaudeCodeResult.Parse(line) ?? result);
        using var error = new CapturedOutput(_masker, _workspace.Artifact(string.Create(CultureInfo.InvariantCulture, $"agent-{round.Attempt}.stderr.log")), 1024 * 1024, 2048);
        var outcome = await ChildProcess.RunAsync(
            new ProcessStart(CommandLine[0], CommandLine.Skip(1).ToArray(), _workspace.Root, _environment, round.Prompt, round.Timeout),
            output,
            error,
            cancellationToken).ConfigureAwait(false);

        var failure = outcome.End switch
        {
            ProcessEnd.NotStarted => $"Claude Code could not be started: {outcome.StartError}",
            ProcessEnd.TimedOut => string.Create(CultureInfo.InvariantCulture, $"Claude Code timed out after {round.Timeout.TotalMinutes:0.##} min and was stopped"),
            ProcessEnd.Canceled => "Claude Code was stopped: the run's time limit (timeout_minutes) was reached",
            _ when result is null => string.Create(CultureInfo.InvariantCulture, $"Claude Code exited with code {outcome.ExitCode} without a result: {LastLine(error.Tail)}"),
            _ when !result.Succeeded => result.Failure(_options.MaxTurns),
            _ when outcome.ExitCode != 0 => string.Create(CultureInfo.InvariantCulture, $"Claude Code exited with code {outcome.ExitCode}: {LastLine(error.Tail)}"),
            _ => null,
        };
        return new AgentOutcome(failure is null, failure, outcome.Elapsed, result?.Usage, transcript, result?.Result);
    }

    internal static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() is { } line
            ? (line.Length > 300 ? line[..300] + "…" : line)
            : "no output";
}
