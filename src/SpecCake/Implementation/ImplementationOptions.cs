namespace SpecCake.Implementation;

/// <summary>
/// <c>implementation</c> in <c>specs.config.yaml</c> (docs/design/contract.md#implementspec): which agent implements an
/// approved spec, the checks its work must pass, and the branch and pull request it ends in.
/// </summary>
public sealed record ImplementationOptions
{
    /// <summary>The default branch pattern: <c>spec/</c> and the lower-case spec ID.</summary>
    public const string DefaultBranch = "spec/{id}";

    /// <summary><c>agent</c>: <c>claude-code</c> (default) or <c>command</c>.</summary>
    public ImplementationAgent Agent { get; init; } = ImplementationAgent.ClaudeCode;

    /// <summary><c>model</c>: Claude Code's <c>--model</c>; its own default when null.</summary>
    public string? Model { get; init; }

    /// <summary><c>max_turns</c>: Claude Code's <c>--max-turns</c>; unlimited when null.</summary>
    public int? MaxTurns { get; init; }

    /// <summary>
    /// <c>allowed_tools</c>: what Claude Code may use (its permission rules); empty means reading and
    /// editing files in the repository and the verify commands. Confined to the repository unless
    /// <see cref="AllowOutsideRepository"/>.
    /// </summary>
    public IReadOnlyList<string> AllowedTools { get; init; } = [];

    /// <summary>
    /// <c>allow_outside_repository</c>: pass <see cref="AllowedTools"/> to Claude Code as written and
    /// drop its confinement to the repository (<c>--restricted</c>). Off by default: a rule reaching
    /// outside the repository, or running any command at all, is refused instead.
    /// </summary>
    public bool AllowOutsideRepository { get; init; }

    /// <summary><c>mark_implemented</c>: the pull request's commit sets the spec's <c>status: approved</c> to <c>implemented</c>.</summary>
    public bool MarkImplemented { get; init; } = true;

    /// <summary><c>append_system_prompt</c>: Claude Code's <c>--append-system-prompt</c>.</summary>
    public string? AppendSystemPrompt { get; init; }

    /// <summary><c>executable</c>: the Claude Code CLI; <c>claude</c> on <c>PATH</c> by default.</summary>
    public string Executable { get; init; } = "claude";

    /// <summary><c>command</c>: for <c>agent: command</c>, the program and its arguments (the prompt arrives on stdin and in <c>SPECCAKE_PROMPT_FILE</c>).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary><c>prompt_template</c>: a file relative to the config file; the built-in prompt when null.</summary>
    public string? PromptTemplate { get; init; }

    /// <summary><c>verify</c>: shell commands run after the agent, in order; all must exit 0.</summary>
    public IReadOnlyList<VerifyCommand> Verify { get; init; } = [];

    /// <summary><c>max_attempts</c>: agent + verify rounds; a failed verify's output is fed back to the next round.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary><c>timeout_minutes</c>: the whole run, agent and verify rounds together.</summary>
    public double TimeoutMinutes { get; init; } = 60;

    /// <summary><c>agent_timeout_minutes</c>: one agent round; the rest of the run when null.</summary>
    public double? AgentTimeoutMinutes { get; init; }

    /// <summary><c>verify_timeout_minutes</c>: one verify command, unless the command sets its own.</summary>
    public double VerifyTimeoutMinutes { get; init; } = 15;

    /// <summary><c>branch</c>: the branch pattern; <c>{id}</c> is the lower-case spec ID.</summary>
    public string Branch { get; init; } = DefaultBranch;

    /// <summary><c>base</c>: the branch the spec branch starts from and the pull request targets; the repository's default branch when null.</summary>
    public string? Base { get; init; }

    /// <summary><c>pull_request</c>.</summary>
    public PullRequestOptions PullRequest { get; init; } = new();

    /// <summary>Whether the configuration has an <c>implementation</c> block (CheckIntegrations checks ImplementSpec's setup only then).</summary>
    internal bool IsConfigured { get; init; }
}

/// <summary>Which agent implements the spec.</summary>
public enum ImplementationAgent
{
    /// <summary><c>claude-code</c>: the Claude Code CLI, headless (<c>claude -p</c>).</summary>
    ClaudeCode,

    /// <summary><c>command</c>: any program, given the prompt on stdin and in <c>SPECCAKE_PROMPT_FILE</c>.</summary>
    Command,
}

/// <summary>One <c>verify</c> entry: a shell command and its own time limit.</summary>
/// <param name="Run">The command, run by <c>sh -c</c> (<c>cmd /c</c> on Windows) in the repository root.</param>
/// <param name="TimeoutMinutes">Its limit; <see cref="ImplementationOptions.VerifyTimeoutMinutes"/> when null.</param>
public sealed record VerifyCommand(string Run, double? TimeoutMinutes = null);

/// <summary><c>implementation.pull_request</c>.</summary>
public sealed record PullRequestOptions
{
    /// <summary>The default title template.</summary>
    public const string DefaultTitle = "[{id}] {title}";

    /// <summary><c>draft</c>: open the pull request as a draft.</summary>
    public bool Draft { get; init; }

    /// <summary><c>labels</c>: added to the pull request.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary><c>request_reviewers</c>: request the spec's <c>reviewers</c> (users, or <c>@org/team</c> teams).</summary>
    public bool RequestReviewers { get; init; } = true;

    /// <summary><c>title</c>: the title template.</summary>
    public string Title { get; init; } = DefaultTitle;

    /// <summary><c>body</c>: the body template; the built-in body when null.</summary>
    public string? Body { get; init; }
}
