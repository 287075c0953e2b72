using Spectre.Console.Cli;

namespace SpecCake.Host.Internal;

/// <summary>
/// The Spectre.Console.Cli command: used for <c>--help</c> and for command lines the fast parser
/// leaves to Spectre; it hands the parsed settings to the same <see cref="HostRunner"/>.
/// </summary>
internal sealed class HostCommand : AsyncCommand<HostCommandSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, HostCommandSettings settings, CancellationToken cancellationToken)
    {
        // Spectre creates the command; the runner comes in as the app's data.
        var runner = (HostRunner)context.Data!;
        return runner.RunAsync(HostInvocation.From(settings, context.Remaining.Parsed));
    }
}
