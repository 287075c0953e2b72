using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace SpecCake.Host.Internal;

/// <summary>
/// The host's command line: Cake Frosting's options (<see cref="HostHelp"/> lists them) and
/// <c>--name[=value]</c> / <c>--name value</c> for tasks. Hand-written rather than Spectre.Console.Cli,
/// which builds its command model by reflection (about 55 ms of CPU per start, measured R2R) and is
/// marked as not trimmable and not AOT-compatible by its authors; a test holds this parser to
/// Spectre's reading of every everyday command line. What it cannot read is one clear usage error.
/// </summary>
internal static class HostCommandLine
{
    public static HostCommandLineResult Parse(IReadOnlyList<string> args)
    {
        var targets = new List<string>();
        DirectoryPath? working = null;
        var verbosity = Verbosity.Normal;
        bool description = false, tree = false, dryRun = false, exclusive = false, version = false, info = false;
        var remaining = new List<KeyValuePair<string, string?>>();

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                return HostCommandLineResult.Help;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                return HostCommandLineResult.Error($"Unknown command '{arg}': the host takes options only, e.g. --target={arg}.");
            }

            if (arg == "--")
            {
                return HostCommandLineResult.Error("'--' is not an option: pass task arguments as --name=value.");
            }

            string name;
            string? inlineValue = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
            }

            switch (name)
            {
                case "--target" or "-t":
                    if (!TakeValue(args, ref i, inlineValue, out var target))
                    {
                        return MissingValue("target");
                    }

                    targets.Add(target);
                    continue;
                case "--working" or "-w":
                    if (!TakeValue(args, ref i, inlineValue, out var path))
                    {
                        return MissingValue("working");
                    }

                    working = new DirectoryPath(path);
                    continue;
                case "--verbosity" or "-v":
                    if (!TakeValue(args, ref i, inlineValue, out var level))
                    {
                        return MissingValue("verbosity");
                    }

                    if (!VerbosityParser.TryParse(level, out verbosity))
                    {
                        return HostCommandLineResult.Error(
                            $"Failed to convert '{level}' to Verbosity.\nValid verbosities: quiet, minimal, normal, verbose, diagnostic.");
                    }

                    continue;
            }

            if (IsFlag(name))
            {
                // A flag takes no value; "=true"/"=false" read as Spectre reads them.
                bool on = true;
                if (inlineValue is not null && !bool.TryParse(inlineValue, out on))
                {
                    return HostCommandLineResult.Error($"The flag {name} takes no value (or true/false), not '{inlineValue}'.");
                }

                switch (name)
                {
                    case "--description" or "--descriptions" or "--showdescription" or "--showdescriptions":
                        description = on;
                        break;
                    case "--tree" or "--showtree":
                        tree = on;
                        break;
                    case "--dryrun" or "--noop" or "--whatif":
                        dryRun = on;
                        break;
                    case "--exclusive" or "-e":
                        exclusive = on;
                        break;
                    case "--version" or "--ver":
                        version = on;
                        break;
                    case "--info":
                        info = on;
                        break;
                }

                continue;
            }

            // A task argument: long form only, so a mistyped short host option is not silently a task argument.
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3 || name[2] == '-')
            {
                return HostCommandLineResult.Error($"Unknown option '{name}'.");
            }

            if (inlineValue is null && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
            {
                inlineValue = args[++i];
            }

            remaining.Add(new(name, inlineValue));
        }

        return HostCommandLineResult.Run(new HostInvocation(
            targets.Count == 0 ? ["Default"] : targets,
            working,
            verbosity,
            description,
            tree,
            dryRun,
            exclusive,
            version,
            info,
            remaining.ToLookup(pair => pair.Key, pair => pair.Value)));
    }

    private static HostCommandLineResult MissingValue(string option) =>
        HostCommandLineResult.Error($"Option '{option}' is defined but no value has been provided.");

    private static bool IsFlag(string name) => name is "--description" or "--descriptions" or "--showdescription"
        or "--showdescriptions" or "--tree" or "--showtree" or "--dryrun" or "--noop" or "--whatif" or "--exclusive"
        or "-e" or "--version" or "--ver" or "--info";

    private static bool TakeValue(IReadOnlyList<string> args, ref int i, string? inlineValue, out string value)
    {
        if (inlineValue is not null)
        {
            value = inlineValue;
            return value.Length > 0;
        }

        if (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
        {
            value = args[++i];
            return true;
        }

        value = string.Empty;
        return false;
    }
}

/// <summary>What the command line asked for: a run, the help text, or a usage error.</summary>
internal sealed record HostCommandLineResult(HostInvocation? Invocation, bool ShowHelp, string? UsageError)
{
    public static HostCommandLineResult Help { get; } = new(null, true, null);

    public static HostCommandLineResult Run(HostInvocation invocation) => new(invocation, false, null);

    public static HostCommandLineResult Error(string message) => new(null, false, message);
}
