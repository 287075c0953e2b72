using SpecCake.Specs;

namespace SpecCake.Implementation;

/// <summary>What one ImplementSpec run did: its attempts, the commit, the pull request and the events sent.</summary>
public sealed record ImplementationResult
{
    /// <summary>The spec.</summary>
    public required Spec Spec { get; init; }

    /// <summary>The spec branch.</summary>
    public required string Branch { get; init; }

    /// <summary>The base branch.</summary>
    public required string Base { get; init; }

    /// <summary>The <c>agent</c> used.</summary>
    public required string Agent { get; init; }

    /// <summary>Whether this was a dry run (nothing changed, nothing sent).</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether the spec was implemented and its pull request is open.</summary>
    public bool Succeeded { get; init; }

    /// <summary>Why not, in one line (what <c>implementation_failed</c> carries).</summary>
    public string? Error { get; init; }

    /// <summary>Each agent + verify round, in order.</summary>
    public IReadOnlyList<ImplementationAttempt> Attempts { get; init; } = [];

    /// <summary>The commit pushed, when one was.</summary>
    public string? Commit { get; init; }

    /// <summary>The pull request, when it was opened or updated.</summary>
    public PublishedPullRequest? PullRequest { get; init; }

    /// <summary>Each event sent, in order.</summary>
    public IReadOnlyList<SentEvent> Events { get; init; } = [];

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True when a review round found nothing new to answer and ran nothing.</summary>
    public bool NothingNew { get; init; }

    /// <summary>Whether this run answered review feedback on the open pull request (a review round).</summary>
    public bool ReviewRound { get; init; }

    /// <summary>The feedback a review round answered, and how much it ignored.</summary>
    internal ReviewConversation? Feedback { get; init; }

    /// <summary>Where the branch's earlier tip was kept before a restart moved it (<c>refs/speccake/previous/...</c>).</summary>
    public string? KeptTip { get; init; }

    /// <summary>The comment a review round posted on the pull request.</summary>
    public string? Comment { get; init; }

    /// <summary>The artifact folder (prompts, transcripts, verify logs), relative to the repository root.</summary>
    public string? Artifacts { get; init; }
}

/// <summary>One agent round and the verify commands that followed it.</summary>
/// <param name="Number">1 for the first.</param>
/// <param name="Agent">How the agent round ended.</param>
/// <param name="Verify">The verify commands run (up to the first that failed).</param>
public sealed record ImplementationAttempt(int Number, AgentOutcome Agent, IReadOnlyList<VerifyResult> Verify)
{
    /// <summary>Whether the agent succeeded and every verify command passed.</summary>
    public bool Passed => Agent.Succeeded && Verify.All(result => result.Passed);
}

/// <summary>One event ImplementSpec sent and what became of it.</summary>
/// <param name="Event">Its name, e.g. <c>pr_created</c>.</param>
/// <param name="Sent">Deliveries sent.</param>
/// <param name="Failed">Deliveries (and tracker updates) that failed after their retries.</param>
/// <param name="Failures">Each failure, as <c>target: reason</c>.</param>
public sealed record SentEvent(string Event, int Sent, int Failed, IReadOnlyList<string> Failures);
