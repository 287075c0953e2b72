using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Jira Server/Data Center wiki markup (REST v2 text fields): the spec description's Markdown
/// rendered as wiki markup (headings, lists, code, emphasis, links with the host shown, as in
/// <see cref="AtlassianMarkdown"/>), and untrusted plain text escaped so a title or criterion never
/// becomes a link, macro or table.
/// </summary>
internal static partial class JiraWikiMarkup
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    /// <summary>Wiki markup of <paramref name="markdown"/>.</summary>
    public static string FromMarkdown(string markdown)
    {
        var text = new StringBuilder();
        foreach (var block in Markdown.Parse(TextLimit.Clean(markdown), Pipeline))
        {
            Block(block, text, string.Empty);
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Plain text with the wiki characters that make links, images, macros and tables
    /// (<c>[ ] ! { } |</c>, and the backslash itself) escaped, and a line-leading list or heading
    /// marker (<c>*</c>, <c>#</c>, <c>-</c>, <c>h1.</c>, <c>bq.</c>) defused. Mid-line emphasis marks are
    /// left as typed: they can style a word, never point anywhere.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var character in text)
        {
            if ("\\[]{}|!".Contains(character, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(character);
        }

        return LineMarker().Replace(BlockMarker().Replace(escaped.ToString(), "$1\\."), "$1\\$2");
    }

    private static void Block(Block block, StringBuilder text, string listPrefix)
    {
        switch (block)
        {
            case HeadingBlock heading:
                text.Append('h').Append(Math.Clamp(heading.Level, 1, 6)).Append(". ").Append(Inlines(heading.Inline)).Append("\n\n");
                break;
            case ParagraphBlock paragraph when listPrefix.Length > 0:
                text.Append(Inlines(paragraph.Inline)).Append('\n');
                break;
            case ParagraphBlock paragraph:
                text.Append(Inlines(paragraph.Inline)).Append("\n\n");
                break;
            case ListBlock list:
                var marker = listPrefix + (list.IsOrdered ? "#" : "*");
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    text.Append(marker).Append(' ');
                    var first = true;
                    foreach (var child in item)
                    {
                        if (child is ListBlock)
                        {
                            if (first)
                            {
                                text.Append('\n');
                            }

                            Block(child, text, marker);
                        }
                        else
                        {
                            Block(child, text, marker);
                        }

                        first = false;
                    }

                    if (item.Count == 0)
                    {
                        text.Append('\n');
                    }
                }

                if (listPrefix.Length == 0)
                {
                    text.Append('\n');
                }

                break;
            case CodeBlock code:
                // Inside {code} nothing is markup; only a literal "{code}" would end the block early.
                text.Append("{code}\n").Append(code.Lines.ToString().TrimEnd('\n').Replace("{code}", "{ code}", StringComparison.Ordinal)).Append("\n{code}\n\n");
                break;
            case QuoteBlock quote:
                var quoted = new StringBuilder();
                foreach (var child in quote)
                {
                    Block(child, quoted, string.Empty);
                }

                text.Append("{quote}\n").Append(quoted.ToString().TrimEnd()).Append("\n{quote}\n\n");
                break;
            case ThematicBreakBlock:
                text.Append("----\n\n");
                break;
            case LinkReferenceDefinitionGroup:
                break;
            case HtmlBlock html:
                text.Append(Escape(html.Lines.ToString().TrimEnd('\n'))).Append("\n\n");
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Block(child, text, listPrefix);
                }

                break;
            case LeafBlock leaf:
                text.Append(leaf.Inline is { } inline ? Inlines(inline) : Escape(leaf.Lines.ToString())).Append("\n\n");
                break;
        }
    }

    private static string Inlines(ContainerInline? container)
    {
        var text = new StringBuilder();
        if (container is not null)
        {
            Inline(container, text);
        }

        return text.ToString();
    }

    private static void Inline(ContainerInline container, StringBuilder text)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(Escape(literal.Content.ToString()));
                    break;
                case EmphasisInline emphasis:
                    var mark = emphasis.DelimiterCount >= 2 ? '*' : '_';
                    text.Append(mark).Append(Inlines(emphasis)).Append(mark);
                    break;
                case CodeInline code:
                    text.Append("{{").Append(Escape(code.Content)).Append("}}");
                    break;
                case LinkInline { IsImage: false } link when AtlassianMarkdown.WebTarget(link.Url) is { } target:
                    var label = Inlines(link);
                    text.Append('[').Append(label.Length > 0 ? label : Escape(target.AbsoluteUri)).Append('|').Append(target.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal)).Append(']');
                    if (!label.Contains(target.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        text.Append(" (").Append(Escape(target.Host)).Append(')');
                    }

                    break;
                case AutolinkInline autolink when !autolink.IsEmail && AtlassianMarkdown.WebTarget(autolink.Url) is { } target:
                    text.Append('[').Append(target.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal)).Append(']');
                    break;
                case AutolinkInline autolink:
                    text.Append(Escape(autolink.Url));
                    break;
                case LineBreakInline:
                    // Kept, as in the ADF form (AtlassianMarkdown).
                    text.Append('\n');
                    break;
                case HtmlInline html:
                    text.Append(Escape(html.Tag));
                    break;
                case HtmlEntityInline entity:
                    text.Append(Escape(entity.Transcoded.ToString()));
                    break;
                case ContainerInline nested:
                    Inline(nested, text);
                    break;
                default:
                    text.Append(Escape(inline.ToString() ?? string.Empty));
                    break;
            }
        }
    }

    [GeneratedRegex(@"(?m)^(\s*(?:h[1-6]|bq))\.")]
    private static partial Regex BlockMarker();

    [GeneratedRegex(@"(?m)^(\s*)([*#-])")]
    private static partial Regex LineMarker();
}
