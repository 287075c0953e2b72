using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SpecCake.Integrations;
using SpecCake.Specs;

namespace SpecCake.Trackers;

/// <summary>How a spec reads in a tracker, and how tracker text is compared with it.</summary>
internal static partial class SpecText
{
    /// <summary>
    /// What every tracker holds a title to: one line (Jira rejects a summary with a line break) of at
    /// most 255 characters (Jira's summary limit, Azure DevOps' string fields; GitHub allows 256;
    /// Linear publishes none). Titles are plain text in all four trackers, so Markdown in them is
    /// shown, never rendered as a link.
    /// </summary>
    public const int MaxTitleLength = 255;

    /// <summary>
    /// What a Markdown description body may hold: GitHub answers "body is too long (maximum is 65536
    /// characters)" for draft issues; Linear documents no limit and gets the same.
    /// </summary>
    public const int MaxMarkdownLength = 65_536;

    /// <summary>The item title: <c>[FEAT-0001] User Authentication</c> (the ID makes it findable by eye and by search), one line within <see cref="MaxTitleLength"/>.</summary>
    public static string Title(Spec spec) => OneLine($"[{spec.Id}] {spec.Title}");

    /// <summary>Any tracker title or summary: control characters and line breaks as spaces, cut to <see cref="MaxTitleLength"/> at a whole character.</summary>
    public static string OneLine(string text) => TextLimit.Truncate(TextLimit.SingleLine(text), MaxTitleLength);

    /// <summary>
    /// Whether a title has the form SpecCake gives the spec's items (<c>[FEAT-0001] …</c>): of several items
    /// carrying a spec's marker, only such ones are taken for copies SpecCake made, and retired.
    /// </summary>
    public static bool IsTitleOf(string title, string specId) => title.StartsWith($"[{specId}]", StringComparison.Ordinal);

    /// <summary>One line per criterion: <c>AC-1: text</c>.</summary>
    public static string Criterion(AcceptanceCriterion criterion) => $"{criterion.Id}: {criterion.Text}";

    /// <summary>The description in Markdown: the spec's text, then its acceptance criteria as a list.</summary>
    public static string Markdown(Spec spec)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(spec.Description))
        {
            text.Append(TextLimit.Clean(spec.Description.Trim())).Append("\n\n");
        }

        if (spec.AcceptanceCriteria.Count > 0)
        {
            text.Append("## Acceptance criteria\n\n");
            foreach (var criterion in spec.AcceptanceCriteria)
            {
                text.Append("- ").Append(TextLimit.Clean(Criterion(criterion))).Append('\n');
            }
        }

        return TextLimit.Truncate(text.ToString().TrimEnd(), MaxMarkdownLength);
    }

    /// <summary>The description in HTML (Azure DevOps).</summary>
    public static string Html(Spec spec)
    {
        var html = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(spec.Description))
        {
            foreach (var paragraph in spec.Description.Trim().Split("\n\n"))
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph.Trim())).Append("</p>");
            }
        }

        if (spec.AcceptanceCriteria.Count > 0)
        {
            html.Append("<h2>Acceptance criteria</h2><ul>");
            foreach (var criterion in spec.AcceptanceCriteria)
            {
                html.Append("<li>").Append(WebUtility.HtmlEncode(Criterion(criterion))).Append("</li>");
            }

            html.Append("</ul>");
        }

        return html.ToString();
    }

    /// <summary>
    /// A form of a text that survives a tracker's reformatting (HTML tags, Markdown list and heading
    /// markers, whitespace), so a description is rewritten only when its words changed.
    /// </summary>
    public static string Comparable(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var plain = WebUtility.HtmlDecode(Tags().Replace(text, " "));
        var lines = plain.Split('\n').Select(line => LineMarker().Replace(line, string.Empty));
        return Whitespace().Replace(string.Join(' ', lines), " ").Trim();
    }

    /// <summary>Whether two texts say the same once formatting is ignored.</summary>
    public static bool SameText(string? a, string? b) => string.Equals(Comparable(a), Comparable(b), StringComparison.Ordinal);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"^\s*([#>*+\-]+|\d+\.)\s+")]
    private static partial Regex LineMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
