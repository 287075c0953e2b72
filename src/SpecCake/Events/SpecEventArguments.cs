namespace SpecCake.Events;

/// <summary>The NotifySpecEvent task arguments of docs/design/contract.md#task-arguments, as given (nothing derived yet).</summary>
public sealed record SpecEventArguments
{
    /// <summary><c>--event</c>.</summary>
    public string? Event { get; init; }

    /// <summary><c>--spec</c>: ID (case-insensitive) or path of the spec file.</summary>
    public string? Spec { get; init; }

    /// <summary><c>--pr</c>.</summary>
    public int? Pr { get; init; }

    /// <summary><c>--pr-url</c>.</summary>
    public string? PrUrl { get; init; }

    /// <summary><c>--branch</c>.</summary>
    public string? Branch { get; init; }

    /// <summary><c>--error</c>.</summary>
    public string? Error { get; init; }

    /// <summary><c>--logs-url</c>.</summary>
    public string? LogsUrl { get; init; }

    /// <summary><c>--reviewers</c>: names; comma-separated entries are split.</summary>
    public IReadOnlyList<string> Reviewers { get; init; } = [];

    /// <summary><c>--duration</c> in seconds.</summary>
    public double? Duration { get; init; }
}
