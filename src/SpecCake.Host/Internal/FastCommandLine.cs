using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace SpecCake.Host.Internal;

/// <summary>
/// Parses the everyday command lines without Spectre.Console.Cli, whose model building and type
/// conversion cost about 55 ms of CPU per start (measured, R2R) — more than the whole runtime start.
/// It accepts only what it is sure of: the options of <see cref="HostCommandSettings"/> and
/// <c>--name[=value]</c> / <c>--name value</c> for tasks. Anything else (<c>--help</c>, a positional
/// word, a missing value, a bad verbosity, short options it does not know) goes to Spectre, which
/// prints help or its usual error; a test keeps both parsers agreeing.
/// </summary>
internal static class FastCommandLine
{
    public static bool TryParse(IReadOnlyList<string> args, out HostInvocation invocation)
    {
        invocation = null!;
        var targets = new List<string>();
        DirectoryPath? working = null;
        var verbosity = Verbosity.Normal;
        bool description = false, tree = false, dryRun = false, exclusive = false, version = false, info = false;
        var remaining = new List<KeyValuePair<string, string?>>();

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length < 2 || arg[0] != '-' || arg == "--")
            {
                return false;
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
                        return false;
                    }

                    targets.Add(target);
                    continue;
                case "--working" or "-w":
                    if (!TakeValue(args, ref i, inlineValue, out var path))
                    {
                        return false;
                    }

                    working = new DirectoryPath(path);
                    continue;
                case "--verbosity" or "-v":
                    if (!TakeValue(args, ref i, inlineValue, out var level) || !VerbosityParser.TryParse(level, out verbosity))
                    {
                        return false;
                    }

                    continue;
            }

            // Flags: a value after them is Spectre's business (and usually a mistake).
            if (inlineValue is not null && IsFlag(name))
            {
                return false;
            }

            if (inlineValue is null)
            {
                switch (name)
                {
                    case "--description" or "--descriptions" or "--showdescription" or "--showdescriptions":
                        description = true;
                        continue;
                    case "--tree" or "--showtree":
                        tree = true;
                        continue;
                    case "--dryrun" or "--noop" or "--whatif":
                        dryRun = true;
                        continue;
                    case "--exclusive" or "-e":
                        exclusive = true;
                        continue;
                    case "--version" or "--ver":
                        version = true;
                        continue;
                    case "--info":
                        info = true;
                        continue;
                    case "--help" or "-h" or "-?":
                        return false;
                }
            }

            // A task argument: long form only; short unknown options are left to Spectre.
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3 || name[2] == '-')
            {
                return false;
            }

            if (inlineValue is null && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
            {
                inlineValue = args[++i];
            }

            remaining.Add(new(name, inlineValue));
        }

        invocation = new HostInvocation(
            targets.Count == 0 ? ["Default"] : targets,
            working,
            verbosity,
            description,
            tree,
            dryRun,
            exclusive,
            version,
            info,
            remaining.ToLookup(pair => pair.Key, pair => pair.Value));
        return true;
    }

    private static bool IsFlag(string name) => name is "--description" or "--descriptions" or "--showdescription"
        or "--showdescriptions" or "--tree" or "--showtree" or "--dryrun" or "--noop" or "--whatif" or "--exclusive"
        or "-e" or "--version" or "--ver" or "--info" or "--help" or "-h" or "-?";

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
