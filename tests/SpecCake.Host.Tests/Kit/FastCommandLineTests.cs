using SpecCake.Host.Internal;
using Spectre.Console.Cli;

namespace SpecCake.Host.Tests.Kit;

/// <summary>The fast parser must read every command line it accepts exactly as Spectre.Console.Cli does.</summary>
public sealed class FastCommandLineTests
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
    public void TryParse_EverydayCommandLine_SameAsSpectre(string[] args)
    {
        Assert.True(FastCommandLine.TryParse(args, out var fast));
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
    [InlineData("deploy")]
    [InlineData("--target")]
    [InlineData("--verbosity=loud")]
    [InlineData("-x")]
    [InlineData("--tree=false")]
    [InlineData("--")]
    public void TryParse_HelpOrUnusual_LeftToSpectre(string arg)
    {
        Assert.False(FastCommandLine.TryParse([arg], out _));
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

    private sealed class CaptureCommand : Command<HostCommandSettings>
    {
        public override int Execute(CommandContext context, HostCommandSettings settings, CancellationToken cancellationToken)
        {
            ((Holder)context.Data!).Invocation = HostInvocation.From(settings, context.Remaining.Parsed);
            return 0;
        }
    }
}
