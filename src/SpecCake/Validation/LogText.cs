using System.Globalization;
using System.Text;

namespace SpecCake.Validation;

/// <summary>
/// How a value from a spec, a config file or a service is written into a log line. Anyone who opens
/// a pull request writes spec files, and the GitHub runner executes a line that starts (after white
/// space) with <c>::</c> or that holds <c>##[</c> anywhere (actions/runner, ActionCommand.TryParseV2 and
/// TryParse): a value must never end a line, start one, or smuggle such a command in. So control
/// characters, Unicode line and paragraph separators and the invisible format characters (bidi
/// overrides among them) are escaped the way YAML's double-quoted strings write them, and
/// <c>##[</c> loses its meaning. <see cref="Guard"/> is the last line of defence at the log itself.
/// </summary>
internal static class LogText
{
    /// <summary>How much of a value an error message shows.</summary>
    public const int ShownLength = 60;

    /// <summary>The value in single quotes, escaped, cut after <paramref name="maxLength"/> characters with "…".</summary>
    /// <param name="value">Any text from a spec, a config file or a service.</param>
    /// <param name="maxLength">How many characters of the value to show at most.</param>
    public static string Quoted(string? value, int maxLength = ShownLength) => "'" + Escaped(value, maxLength) + "'";

    /// <summary>The value escaped (no quotes), cut after <paramref name="maxLength"/> characters with "…".</summary>
    /// <param name="value">Any text from a spec, a config file or a service (a file name, a key, a value).</param>
    /// <param name="maxLength">How many characters of the value to show at most; null: all of it.</param>
    public static string Escaped(string? value, int? maxLength = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var cut = maxLength is { } max && value.Length > max;
        var shown = cut ? value[..maxLength!.Value] : value;
        if (!NeedsEscaping(shown))
        {
            return cut ? shown + "…" : shown;
        }

        var builder = new StringBuilder(shown.Length + 16);
        for (var index = 0; index < shown.Length; index++)
        {
            var c = shown[index];
            switch (c)
            {
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\0':
                    builder.Append("\\0");
                    break;
                case '#' when IsLegacyCommandAt(shown, index):
                    builder.Append("#\\x23");
                    index++; // the second '#' is written as its escape
                    break;
                default:
                    if (IsHidden(shown, index))
                    {
                        builder.Append(c < 0x100 ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return cut ? builder.Append('…').ToString() : builder.ToString();
    }

    /// <summary>
    /// Makes a message safe to print as one or more log lines that are not SpecCake's own workflow
    /// commands: no line starts with <c>::</c>, none holds <c>##[</c>, and no carriage return or other
    /// line break but <c>\n</c> survives. Lines SpecCake writes on purpose pass through unchanged.
    /// </summary>
    /// <param name="message">A finished message, possibly several lines.</param>
    public static string Guard(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.Contains("::", StringComparison.Ordinal) && !text.Contains("##[", StringComparison.Ordinal) && !HasStrayLineBreak(text))
        {
            return text;
        }

        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index]
                .Replace("\r", "\\r", StringComparison.Ordinal)
                .Replace("\u0085", "\\x85", StringComparison.Ordinal)
                .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
                .Replace("\u2029", "\\u2029", StringComparison.Ordinal)
                .Replace("##[", "#\\x23[", StringComparison.Ordinal);
            var start = line.Length - line.TrimStart().Length;
            if (line.AsSpan(start).StartsWith("::", StringComparison.Ordinal))
            {
                line = string.Concat(line.AsSpan(0, start), "\\x3A", line.AsSpan(start + 1));
            }

            lines[index] = line;
        }

        return string.Join('\n', lines);
    }

    private static bool NeedsEscaping(string value)
    {
        for (var index = 0; index < value.Length; index++)
        {
            var c = value[index];
            if (c is '\n' or '\r' or '\t' or '\0' || IsHidden(value, index) || (c == '#' && IsLegacyCommandAt(value, index)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasStrayLineBreak(string text) =>
        text.AsSpan().IndexOfAny('\r', '\u0085') >= 0 || text.AsSpan().IndexOfAny('\u2028', '\u2029') >= 0;

    private static bool IsLegacyCommandAt(string value, int index) =>
        index + 2 < value.Length && value[index + 1] == '#' && value[index + 2] == '[';

    /// <summary>Characters that break, reorder or hide text on screen: controls, separators, format characters, lone surrogates.</summary>
    private static bool IsHidden(string value, int index)
    {
        var c = value[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(value[index - 1]);
        }

        // The zero-width joiner only glues emoji together ("👩‍💻"): shown as it is.
        return char.IsControl(c)
            || (c != '\u200D' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
    }
}
