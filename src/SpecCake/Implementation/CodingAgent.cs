namespace SpecCake.Implementation;

/// <summary>An agent that changes the working tree from a prompt: Claude Code, or any command.</summary>
internal interface ICodingAgent
{
    /// <summary>The <c>agent</c> value, e.g. <c>claude-code</c>.</summary>
    string Name { get; }

    /// <summary>The program and arguments a round runs (the prompt goes to stdin), for the dry run and the log.</summary>
    IReadOnlyList<string> CommandLine { get; }

    /// <summary>What confines it, in a few words for the plan and the log.</summary>
    string Confinement { get; }

    /// <summary>Runs one round in the repository root.</summary>
    /// <param name="round">The attempt, its prompt and where its transcript goes.</param>
    /// <param name="cancellationToken">The run's time limit.</param>
    Task<AgentOutcome> RunAsync(AgentRound round, CancellationToken cancellationToken);
}

/// <summary>One agent round.</summary>
/// <param name="Attempt">1 for the first.</param>
/// <param name="Prompt">What the agent is told.</param>
/// <param name="PromptFile">The prompt, saved (the command agent's <c>SPECCAKE_PROMPT_FILE</c>).</param>
/// <param name="Timeout">How long the round may take.</param>
internal sealed record AgentRound(int Attempt, string Prompt, string PromptFile, TimeSpan Timeout);

/// <summary>How an agent round ended.</summary>
/// <param name="Succeeded">Whether the agent reported success.</param>
/// <param name="Error">Why not: one short line.</param>
/// <param name="Elapsed">How long it ran.</param>
/// <param name="Usage">The agent's own figures (Claude Code's turns, cost, tokens), when it reports them.</param>
/// <param name="Transcript">The transcript file.</param>
/// <param name="Summary">The agent's last words (Claude Code's result), when known.</param>
public sealed record AgentOutcome(bool Succeeded, string? Error, TimeSpan Elapsed, AgentUsage? Usage, string Transcript, string? Summary = null);

/// <summary>What the agent says a round cost.</summary>
/// <param name="Turns">Agent turns.</param>
/// <param name="CostUsd">Cost in US dollars.</param>
/// <param name="InputTokens">Input tokens, cache reads and writes included.</param>
/// <param name="OutputTokens">Output tokens.</param>
public sealed record AgentUsage(int? Turns, decimal? CostUsd, long? InputTokens, long? OutputTokens);
