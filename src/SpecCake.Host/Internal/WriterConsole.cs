using Cake.Core;

namespace SpecCake.Host.Internal;

/// <summary>Cake's console over plain writers (no colours): the host embedded or under test.</summary>
internal sealed class WriterConsole(TextWriter output, TextWriter error) : IConsole
{
    public ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public bool SupportAnsiEscapeCodes => false;

    public void Write(string format, params object[] arg) => output.Write(Format(format, arg));

    public void Write(string value) => output.Write(value);

    public void WriteLine(string format, params object[] arg) => output.WriteLine(Format(format, arg));

    public void WriteLine(string value) => output.WriteLine(value);

    public void WriteError(string format, params object[] arg) => error.Write(Format(format, arg));

    public void WriteError(string value) => error.Write(value);

    public void WriteErrorLine(string format, params object[] arg) => error.WriteLine(Format(format, arg));

    public void WriteErrorLine(string value) => error.WriteLine(value);

    public void ResetColor()
    {
        ForegroundColor = ConsoleColor.Gray;
        BackgroundColor = ConsoleColor.Black;
    }

    private static string Format(string format, object[] arg) =>
        arg is null || arg.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, arg);
}
