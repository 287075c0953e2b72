using System.Globalization;
using System.Text;

namespace SpecCake.Integrations;

/// <summary>What a service counts when its documentation states a length limit.</summary>
internal enum TextUnit
{
    /// <summary>UTF-16 code units, a Java or JavaScript string's length; never fewer than code points, so also the safe count when a service does not say.</summary>
    Utf16,

    /// <summary>Unicode code points (Python, Rust, Elixir services).</summary>
    CodePoints,

    /// <summary>UTF-8 bytes.</summary>
    Utf8Bytes,
}

/// <summary>
/// The one way SpecCake shortens text for a service: whole grapheme clusters only (an emoji, a flag
/// or a letter with its accents is never split, so no service ever receives half a surrogate pair
/// or U+FFFD), measured in the unit the service counts, with an ellipsis when something was cut.
/// </summary>
internal static class TextLimit
{
    public const string Ellipsis = "…";

    /// <summary>The length of <paramref name="text"/> in <paramref name="unit"/>.</summary>
    public static int Measure(ReadOnlySpan<char> text, TextUnit unit) => unit switch
    {
        TextUnit.Utf16 => text.Length,
        TextUnit.CodePoints => CodePoints(text),
        TextUnit.Utf8Bytes => Encoding.UTF8.GetByteCount(text),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    /// <summary>
    /// <paramref name="text"/> when it fits in <paramref name="max"/>; otherwise its longest prefix of
    /// whole grapheme clusters that fits together with an ellipsis (trailing white space dropped).
    /// With <paramref name="atWord"/> the cut moves back to the last word boundary when one is in
    /// the second half, so a short headline does not end in half a word.
    /// </summary>
    public static string Truncate(string text, int max, TextUnit unit = TextUnit.Utf16, bool atWord = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Measure(text, unit) <= max)
        {
            return text;
        }

        var room = max - Measure(Ellipsis, unit);
        if (room <= 0)
        {
            return string.Empty;
        }

        var used = 0;
        var end = 0;
        while (end < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text.AsSpan(end));
            var size = Measure(text.AsSpan(end, length), unit);
            if (used + size > room)
            {
                break;
            }

            used += size;
            end += length;
        }

        if (atWord && text.LastIndexOf(' ', Math.Min(end, text.Length - 1)) is var space && space >= end / 2 && space > 0)
        {
            return text.AsSpan(0, space).TrimEnd(" ,;:-—").ToString() + Ellipsis;
        }

        return text.AsSpan(0, end).TrimEnd().ToString() + Ellipsis;
    }

    /// <summary>
    /// Text for a field that must be one line (a summary, a tag, a subject): every run of line
    /// breaks, tabs and other control characters becomes one space, and the ends are trimmed.
    /// </summary>
    public static string SingleLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = new StringBuilder(text.Length);
        var gap = false;
        foreach (var character in text)
        {
            if (IsControl(character) || char.IsWhiteSpace(character))
            {
                gap = line.Length > 0;
                continue;
            }

            if (gap)
            {
                line.Append(' ');
                gap = false;
            }

            line.Append(character);
        }

        return line.ToString();
    }

    /// <summary>
    /// Text that may hold several lines: line breaks become <c>\n</c>, tabs stay, and the other control
    /// characters (NUL, BEL, ESC and the C1 set), which no service shows and some reject, are dropped.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001f') && !text.AsSpan().ContainsAnyInRange('\u007f', '\u009f') && !text.Contains('\u2028') && !text.Contains('\u2029'))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (character == '\r')
            {
                clean.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (character is '\n' or '\t')
            {
                clean.Append(character);
            }
            else if (character is '\u2028' or '\u2029')
            {
                clean.Append('\n');
            }
            else if (!IsControl(character))
            {
                clean.Append(character);
            }
        }

        return clean.ToString();
    }

    private static bool IsControl(char character) => char.IsControl(character) || character is '\u2028' or '\u2029';

    private static int CodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }
}
