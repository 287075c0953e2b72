using Cake.Core;

namespace SpecCake.Aliases;

/// <summary>
/// Cake's dry-run switches, <c>--dryrun</c>, <c>--noop</c> and <c>--whatif</c>: any one of them means
/// a preview, which SpecCake's tasks perform themselves (they print what they would send or write).
/// </summary>
internal static class DryRunArguments
{
    /// <summary>The argument names, as Cake spells them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["dryrun", "noop", "whatif"];

    /// <summary>Whether any of them was given.</summary>
    /// <param name="arguments">Cake's arguments.</param>
    public static bool AnyIn(ICakeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return Names.Any(arguments.HasArgument);
    }
}
