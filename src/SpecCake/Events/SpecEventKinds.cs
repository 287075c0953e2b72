using System.Diagnostics.CodeAnalysis;

namespace SpecCake.Events;

/// <summary>Conversions between <see cref="SpecEventKind"/> and its snake_case name.</summary>
public static class SpecEventKinds
{
    // Switches rather than dictionaries keyed or valued by the enum: generic code over an enum of
    // this assembly cannot be precompiled (ReadyToRun), and JIT-compiling it on every start cost
    // more than reading the whole configuration.

    /// <summary>Every valid event name, in lifecycle order.</summary>
    public static IReadOnlyList<string> AllNames { get; } =
    [
        "spec_created", "spec_approved", "implementation_started", "implementation_completed",
        "implementation_failed", "pr_created", "pr_merged", "validation_failed",
    ];

    /// <summary>The snake_case name of <paramref name="kind"/>, e.g. <c>implementation_failed</c>.</summary>
    public static string ToName(this SpecEventKind kind) => kind switch
    {
        SpecEventKind.SpecCreated => "spec_created",
        SpecEventKind.SpecApproved => "spec_approved",
        SpecEventKind.ImplementationStarted => "implementation_started",
        SpecEventKind.ImplementationCompleted => "implementation_completed",
        SpecEventKind.ImplementationFailed => "implementation_failed",
        SpecEventKind.PrCreated => "pr_created",
        SpecEventKind.PrMerged => "pr_merged",
        SpecEventKind.ValidationFailed => "validation_failed",
        _ => throw new KeyNotFoundException($"The given key '{kind}' was not present in the dictionary."),
    };

    /// <summary>Parses a snake_case event name; case-sensitive, as in the config file.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out SpecEventKind? kind)
    {
        kind = name switch
        {
            "spec_created" => SpecEventKind.SpecCreated,
            "spec_approved" => SpecEventKind.SpecApproved,
            "implementation_started" => SpecEventKind.ImplementationStarted,
            "implementation_completed" => SpecEventKind.ImplementationCompleted,
            "implementation_failed" => SpecEventKind.ImplementationFailed,
            "pr_created" => SpecEventKind.PrCreated,
            "pr_merged" => SpecEventKind.PrMerged,
            "validation_failed" => SpecEventKind.ValidationFailed,
            _ => null,
        };
        return kind is not null;
    }

    /// <summary>Whether the event reports a failure (used for colours, mentions and alert levels).</summary>
    public static bool IsFailure(this SpecEventKind kind) =>
        kind is SpecEventKind.ImplementationFailed or SpecEventKind.ValidationFailed;
}
