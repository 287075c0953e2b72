using Cake.Core;

namespace SpecCake.Host.Internal;

/// <summary>Turns the command line into Cake's arguments, the way tasks read them.</summary>
internal static class HostArguments
{
    /// <summary>
    /// The argument every dry-run alias sets, so aliases can ask <c>HasArgument("dryrun")</c>. The addin
    /// reads the same three (its <c>Aliases/DryRunArguments.cs</c>); this host kit does not reference the addin.
    /// </summary>
    public static readonly string[] DryRunNames = ["dryrun", "noop", "whatif"];

    public static CakeArguments Create(ILookup<string, string?> remaining, HostInvocation settings)
    {
        var arguments = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in remaining)
        {
            var name = group.Key.TrimStart('-');
            if (!arguments.TryGetValue(name, out var values))
            {
                arguments[name] = values = [];
            }

            // A bare --flag means true, so context.Argument<bool>("flag") and HasArgument agree.
            values.AddRange(group.Select(value => value ?? bool.TrueString.ToLowerInvariant()));
        }

        // Options the host parses itself never reach "remaining", but tasks may still ask for them.
        arguments["target"] = [.. settings.Targets];
        arguments["verbosity"] = [settings.Verbosity.ToString().ToLowerInvariant()];
        if (settings.Exclusive)
        {
            arguments["exclusive"] = ["true"];
        }

        // Dry-run is a preview the tasks themselves perform (they build and print what they
        // would send), not Cake's dry-run strategy that skips task bodies: expose it as arguments.
        if (settings.DryRun)
        {
            foreach (var name in DryRunNames)
            {
                arguments[name] = ["true"];
            }
        }

        // Pairs rather than SelectMany into value tuples: LINQ over value tuples is not precompiled
        // (ReadyToRun) and was JIT-compiled on every start; this ToLookup is the command line's own.
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in arguments)
        {
            foreach (var value in values)
            {
                pairs.Add(new(name, value));
            }
        }

        var lookup = pairs.ToLookup(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        return new CakeArguments(lookup);
    }
}
