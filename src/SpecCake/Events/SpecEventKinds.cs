using System.Diagnostics.CodeAnalysis;

namespace SpecCake.Events;

/// <summary>Conversions between <see cref="SpecEventKind"/> and its snake_case name.</summary>
public static class SpecEventKinds
{
    private static readonly Dictionary<SpecEventKind, string> Names = new()
    {
        [SpecEventKind.SpecCreated] = "spec_created",
        [SpecEventKind.SpecApproved] = "spec_approved",
        [SpecEventKind.ImplementationStarted] = "implementation_started",
        [SpecEventKind.ImplementationCompleted] = "implementation_completed",
        [SpecEventKind.ImplementationFailed] = "implementation_failed",
        [SpecEventKind.PrCreated] = "pr_created",
        [SpecEventKind.PrMerged] = "pr_merged",
        [SpecEventKind.ValidationFailed] = "validation_failed",
    };

    private static readonly Dictionary<string, SpecEventKind> ByName =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every valid event name, in lifecycle order.</summary>
    public static IReadOnlyList<string> AllNames { get; } = [.. Names.Values];

    /// <summary>The snake_case name of <paramref name="kind"/>, e.g. <c>implementation_failed</c>.</summary>
    public static string ToName(this SpecEventKind kind) => Names[kind];

    /// <summary>Parses a snake_case event name; case-sensitive, as in the config file.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out SpecEventKind? kind)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            kind = found;
            return true;
        }

        kind = null;
        return false;
    }

    /// <summary>Whether the event reports a failure (used for colours, mentions and alert levels).</summary>
    public static bool IsFailure(this SpecEventKind kind) =>
        kind is SpecEventKind.ImplementationFailed or SpecEventKind.ValidationFailed;
}
