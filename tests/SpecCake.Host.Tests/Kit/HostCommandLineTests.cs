using SpecCake.Host.Internal;
using Spectre.Console.Cli;

namespace SpecCake.Host.Tests.Kit;

/// <summary>The host's parser must read every everyday command line exactly as Spectre.Console.Cli (Cake Frosting's) does.</summary>
public sealed class HostCommandLineTests
{
    public static TheoryData<string[]> Accepted => new()
    {
        Array.Empty<string>(),
        new[] { "--target=NotifySpecEvent", "--event=pr_merged", "--spec=FEAT-0001", "--pr=12" },
        new[] { "--target", "NotifySpecEvent", "--event", "pr_merged", "--spec", "FEAT-0001" },
        new[] { "-t", "SyncTrackers", "-v", "diagnostic", "-e" },
        new[] { "-t=ValidateSpecs", "--verbosity=quiet", "--config=specs.config.yaml" },
        new[] { "--dryrun", "--event=spec_created" },
        new[] { "--noop" },
        new[] { "--whatif", "--flag" },
        new[] { "--tree", "--target=Default" },
        new[] { "--description" },
        new[] { "--version" },
        new[] { "--info" },
        new[] { "--working=/tmp", "--tree" },
        new[] { "-w", "/tmp", "--reviewers=alice,bob", "--reviewers", "carol" },
        new[] { "--pr-url=https://example.test/x?y=1&z=2", "--error", "Build failed: exit 2" },
        new[] { "--flag", "--other=1" },
        new[] { "--target=A", "--target=B" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Parse_EverydayCommandLine_SameAsSpectre(string[] args)
    {
        var fast = HostCommandLine.Parse(args).Invocation;
        Assert.NotNull(fast);
        var spectre = ParseWithSpectre(args);

        Assert.Equal(spectre.Targets, fast.Targets);
        Assert.Equal(spectre.WorkingDirectory?.FullPath, fast.WorkingDirectory?.FullPath);
        Assert.Equal(spectre.Verbosity, fast.Verbosity);
        Assert.Equal(
            (spectre.Description, spectre.Tree, spectre.DryRun, spectre.Exclusive, spectre.Version, spectre.Info),
            (fast.Description, fast.Tree, fast.DryRun, fast.Exclusive, fast.Version, fast.Info));
        Assert.Equal(Flatten(spectre.Remaining), Flatten(fast.Remaining));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Parse_Help_AsksForHelp(string arg)
    {
        Assert.True(HostCommandLine.Parse(["--target=X", arg]).ShowHelp);
    }

    [Theory]
    [InlineData("deploy", "Unknown command 'deploy'")]
    [InlineData("--target", "Option 'target' is defined but no value has been provided.")]
    [InlineData("--verbosity=loud", "Failed to convert 'loud' to Verbosity.")]
    [InlineData("-x", "Unknown option '-x'.")]
    [InlineData("---x", "Unknown option '---x'.")]
    [InlineData("--tree=maybe", "The flag --tree takes no value (or true/false), not 'maybe'.")]
    [InlineData("--", "'--' is not an option")]
    public void Parse_Unreadable_OneUsageError(string arg, string message)
    {
        var result = HostCommandLine.Parse([arg]);

        Assert.Null(result.Invocation);
        Assert.Contains(message, result.UsageError);
    }

    [Fact]
    public void Parse_FlagEqualsFalse_TurnsFlagOff()
    {
        var result = HostCommandLine.Parse(["--tree=false", "--dryrun=true"]);

        Assert.False(result.Invocation!.Tree);
        Assert.True(result.Invocation.DryRun);
    }

    private static string[] Flatten(ILookup<string, string?> remaining) =>
        remaining.SelectMany(group => group.Select(value => $"{group.Key}={value ?? "<null>"}")).Order(StringComparer.Ordinal).ToArray();

    private static HostInvocation ParseWithSpectre(string[] args)
    {
        var holder = new Holder();
        var app = new CommandApp<CaptureCommand>();
        app.WithData(holder);
        app.Configure(config => config.Settings.PropagateExceptions = true);
        Assert.Equal(0, app.Run(args));
        return holder.Invocation!;
    }

    private sealed class Holder
    {
        public HostInvocation? Invocation { get; set; }
    }

    private sealed class CaptureCommand : Command<SpectreHostSettings>
    {
        public override int Execute(CommandContext context, SpectreHostSettings settings, CancellationToken cancellationToken)
        {
            ((Holder)context.Data!).Invocation = new HostInvocation(
                settings.Targets is { Length: > 0 } targets ? targets : ["Default"],
                settings.WorkingDirectory,
                settings.Verbosity,
                settings.Description,
                settings.Tree,
                settings.DryRun,
                settings.Exclusive,
                settings.Version,
                settings.Info,
                context.Remaining.Parsed);
            return 0;
        }
    }
}
