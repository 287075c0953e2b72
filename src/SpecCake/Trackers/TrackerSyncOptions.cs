using SpecCake.Delivery;
using SpecCake.Http;

namespace SpecCake.Trackers;

/// <summary>How one SyncTrackers run behaves.</summary>
public sealed record TrackerSyncOptions
{
    /// <summary>Read the trackers and compute the plan, but write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Specs reconciled at once per tracker; 1 is sequential.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Retries for every tracker request (408/429/5xx/network, <c>Retry-After</c> honoured).</summary>
    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;

    /// <summary>The clock the retry waits use; tests pass a fake.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
