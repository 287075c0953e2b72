using System.Text;
using System.Text.RegularExpressions;

namespace SpecCake.Integrations;

/// <summary>
/// Untrusted text (spec titles, branches, errors) for channels that render Markdown (Discord embeds,
/// Teams MessageCards): shown as written, never as a link, heading, list or emphasis. A spec title
/// <c>[View Logs](https://evil.example/x)</c> must not become a link that looks like SpecCake's own.
/// </summary>
internal static partial class MarkdownText
{
    /// <summary>
    /// The Markdown punctuation that makes a construct anywhere in a line (links, emphasis, code,
    /// spoilers, autolinks); CommonMark (and the Markdown of Discord and Teams) shows a
    /// backslash-escaped punctuation character literally. Heading, list and quote markers only count
    /// at the start of a line and are escaped only there, so <c>spec/feat-0001</c> reads as typed.
    /// </summary>
    private const string Special = "\\`*_~[]<>|";

    /// <summary>
    /// Zero-width and unbreakable, so the text reads the same, yet <c>](</c> never occurs: even a
    /// renderer that ignores backslash escapes (Teams on mobile does, for some characters) sees no link.
    /// </summary>
    private const char WordJoiner = '\u2060';

    /// <summary><paramref name="text"/> with every Markdown special character escaped.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            if (Special.Contains(character, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(character);
            if (character == ']')
            {
                escaped.Append(WordJoiner);
            }
        }

        return LineMarker().Replace(escaped.ToString(), "$1\\$2");
    }

    /// <summary>A link SpecCake itself makes: the text escaped, the target's brackets and spaces percent-encoded so it cannot end early.</summary>
    public static string Link(string text, string url) =>
        $"[{Escape(text)}]({url.Replace(" ", "%20", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)})";

    /// <summary>A heading, list or quote marker at the start of a line: <c>#</c>, <c>-</c>, <c>+</c>, <c>&gt;</c>, or the dot of <c>1.</c>.</summary>
    [GeneratedRegex(@"(?m)^(\s*\d*)([#+\-]|(?<=\d)\.)")]
    private static partial Regex LineMarker();
}
