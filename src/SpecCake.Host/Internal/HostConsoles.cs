using Cake.Core;
using Spectre.Console;

namespace SpecCake.Host.Internal;

/// <summary>
/// The two consoles the host writes to: Cake's <see cref="IConsole"/> (log, tree) and Spectre's
/// <see cref="IAnsiConsole"/> (task report, descriptions, help). The Spectre ones are created on
/// first use: detecting the terminal costs start-up time that <c>--version</c> need not pay.
/// </summary>
internal sealed class HostConsoles
{
    private readonly Func<IAnsiConsole> _createOut;
    private readonly Func<IAnsiConsole> _createError;
    private IAnsiConsole? _out;
    private IAnsiConsole? _error;

    private HostConsoles(IConsole console, Func<IAnsiConsole> createOut, Func<IAnsiConsole> createError)
    {
        Console = console;
        _createOut = createOut;
        _createError = createError;
    }

    public IConsole Console { get; }

    public IAnsiConsole Out => _out ??= _createOut();

    public IAnsiConsole Error => _error ??= _createError();

    public static HostConsoles Create(HostOptions options, ICakeEnvironment environment)
    {
        if (options.Output is { } output)
        {
            var error = options.Error ?? output;
            return new HostConsoles(new WriterConsole(output, error), () => Plain(output), () => Plain(error));
        }

        return new HostConsoles(
            new CakeConsole(environment),
            () => AnsiConsole.Console,
            () => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) }));
    }

    private static IAnsiConsole Plain(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });
}
