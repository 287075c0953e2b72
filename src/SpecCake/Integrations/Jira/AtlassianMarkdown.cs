using System.Text.Json.Nodes;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// The spec description (Markdown, per the README) as Atlassian Document Format nodes: paragraphs,
/// headings, bullet and ordered lists, code blocks and inline code, emphasis and strong, block
/// quotes, rules and links, parsed by Markdig's CommonMark parser (its AST only: no extensions, no
/// reflection, so trimming and ReadyToRun keep working). Links keep only <c>http</c>/<c>https</c>
/// targets, and a link whose text does not show where it goes is followed by its host in plain text
/// (<c>View Logs (evil.example)</c>), so a spec cannot pass a link off as one SpecCake made. Raw HTML
/// stays literal text; images become their alt text.
/// </summary>
internal static class AtlassianMarkdown
{
    /// <summary>CommonMark only; built once.</summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    /// <summary>Where a block is: ADF allows fewer node types inside a list item or a quote than in the document.</summary>
    private enum Place
    {
        Document,
        ListItem,
        Quote,
    }

    /// <summary>The document-level ADF nodes of <paramref name="markdown"/>.</summary>
    public static IEnumerable<JsonNode> Blocks(string markdown)
    {
        var content = new JsonArray();
        foreach (var block in Markdown.Parse(TextLimit.Clean(markdown), Pipeline))
        {
            Block(block, content, Place.Document);
        }

        return [.. content.Select(node => node!.DeepClone())];
    }

    /// <summary>The link target when it is a web address SpecCake will link to: <c>http</c> or <c>https</c> only.</summary>
    public static Uri? WebTarget(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var target) && target.Scheme is "http" or "https" ? target : null;

    private static void Block(Block block, JsonArray into, Place place)
    {
        switch (block)
        {
            case HeadingBlock heading when place == Place.Document:
                into.Add((JsonNode)(Node("heading", Inlines(heading.Inline), new JsonObject { ["level"] = Math.Clamp(heading.Level, 1, 6) })));
                break;
            case HeadingBlock heading:
                // A heading inside a list or quote is not allowed in ADF: a strong paragraph reads the same.
                into.Add((JsonNode)(Node("paragraph", Inlines(heading.Inline, [Mark("strong")]))));
                break;
            case ParagraphBlock paragraph:
                into.Add((JsonNode)(Node("paragraph", Inlines(paragraph.Inline))));
                break;
            case ListBlock list:
                var items = new JsonArray();
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var itemContent = new JsonArray();
                    foreach (var child in item)
                    {
                        Block(child, itemContent, Place.ListItem);
                    }

                    if (itemContent.Count == 0)
                    {
                        itemContent.Add((JsonNode)(Node("paragraph", [])));
                    }

                    items.Add((JsonNode)(Node("listItem", itemContent)));
                }

                if (items.Count > 0)
                {
                    var ordered = list.IsOrdered;
                    var attrs = ordered && int.TryParse(list.OrderedStart, out var start) && start != 1
                        ? new JsonObject { ["order"] = Math.Max(0, start) }
                        : null;
                    into.Add((JsonNode)(Node(ordered ? "orderedList" : "bulletList", items, attrs)));
                }

                break;
            case CodeBlock code:
                var text = code.Lines.ToString().TrimEnd('\n');
                var language = (code as FencedCodeBlock)?.Info?.Trim();
                into.Add((JsonNode)(Node(
                    "codeBlock",
                    text.Length > 0 ? new JsonArray(Text(text, [])) : [],
                    string.IsNullOrEmpty(language) ? null : new JsonObject { ["language"] = language })));
                break;
            case QuoteBlock quote when place == Place.Document:
                var quoted = new JsonArray();
                foreach (var child in quote)
                {
                    Block(child, quoted, Place.Quote);
                }

                if (quoted.Count > 0)
                {
                    into.Add((JsonNode)(Node("blockquote", quoted)));
                }

                break;
            case ThematicBreakBlock when place == Place.Document:
                into.Add((JsonNode)(new JsonObject { ["type"] = "rule" }));
                break;
            case ThematicBreakBlock:
            case LinkReferenceDefinitionGroup:
                break;
            case HtmlBlock html:
                // Raw HTML is shown as written, never interpreted.
                into.Add((JsonNode)(Node("paragraph", Literal(html.Lines.ToString()))));
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Block(child, into, place);
                }

                break;
            case LeafBlock leaf:
                into.Add((JsonNode)(Node("paragraph", leaf.Inline is { } inline ? Inlines(inline) : Literal(leaf.Lines.ToString()))));
                break;
        }
    }

    private static JsonArray Inlines(ContainerInline? container, IReadOnlyList<JsonObject>? marks = null)
    {
        var content = new JsonArray();
        if (container is not null)
        {
            Inline(container, content, marks ?? []);
        }

        return content;
    }

    private static void Inline(ContainerInline container, JsonArray into, IReadOnlyList<JsonObject> marks)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    Add(into, literal.Content.ToString(), marks);
                    break;
                case EmphasisInline emphasis:
                    var mark = emphasis.DelimiterCount >= 2 ? "strong" : "em";
                    Inline(emphasis, into, marks.Any(existing => (string?)existing["type"] == mark) ? marks : [.. marks, Mark(mark)]);
                    break;
                case CodeInline code:
                    // ADF lets inline code carry a link mark, nothing else.
                    Add(into, code.Content, [.. marks.Where(existing => (string?)existing["type"] == "link"), Mark("code")]);
                    break;
                case LinkInline { IsImage: true } image:
                    Inline(image, into, marks);
                    break;
                case LinkInline link when WebTarget(link.Url) is { } target:
                    var linkMarks = marks.Where(existing => (string?)existing["type"] != "link").Append(Link(target)).ToList();
                    var before = into.Count;
                    Inline(link, into, linkMarks);
                    if (into.Count == before)
                    {
                        Add(into, target.AbsoluteUri, linkMarks);
                    }

                    if (!Shown(into, before).Contains(target.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        Add(into, $" ({target.Host})", marks.Where(existing => (string?)existing["type"] != "link").ToList());
                    }

                    break;
                case LinkInline other:
                    // Not a web link (javascript:, file:, relative): its text only.
                    Inline(other, into, marks);
                    break;
                case AutolinkInline autolink when !autolink.IsEmail && WebTarget(autolink.Url) is { } target:
                    Add(into, autolink.Url, [.. marks.Where(existing => (string?)existing["type"] != "link"), Link(target)]);
                    break;
                case AutolinkInline autolink:
                    Add(into, autolink.Url, marks);
                    break;
                case LineBreakInline:
                    // A line break in a spec's description is kept, as GitHub keeps it in issues and
                    // comments (CommonMark would join the lines): specs are written line by line in YAML.
                    into.Add((JsonNode)(new JsonObject { ["type"] = "hardBreak" }));
                    break;
                case HtmlInline html:
                    Add(into, html.Tag, marks);
                    break;
                case HtmlEntityInline entity:
                    Add(into, entity.Transcoded.ToString(), marks);
                    break;
                case ContainerInline nested:
                    Inline(nested, into, marks);
                    break;
                default:
                    Add(into, inline.ToString() ?? string.Empty, marks);
                    break;
            }
        }
    }

    /// <summary>What the text nodes from <paramref name="start"/> on read as.</summary>
    private static string Shown(JsonArray nodes, int start) =>
        string.Concat(nodes.Skip(start).Select(node => (string?)node?["text"] ?? string.Empty));

    /// <summary>Adds a text node, or extends the previous one when it has the same marks (ADF text must not be empty).</summary>
    private static void Add(JsonArray into, string text, IReadOnlyList<JsonObject> marks)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (into.Count > 0 && into[^1] is JsonObject last && (string?)last["type"] == "text" &&
            JsonNode.DeepEquals(last["marks"], marks.Count == 0 ? null : new JsonArray([.. marks.Select(mark => mark.DeepClone())])))
        {
            last["text"] = (string?)last["text"] + text;
            return;
        }

        into.Add((JsonNode)(Text(text, marks)));
    }

    private static JsonArray Literal(string text)
    {
        var content = new JsonArray();
        Add(content, text.TrimEnd('\n'), []);
        return content;
    }

    internal static JsonObject Text(string text, IReadOnlyList<JsonObject> marks)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text };
        if (marks.Count > 0)
        {
            node["marks"] = new JsonArray([.. marks.Select(mark => mark.DeepClone())]);
        }

        return node;
    }

    private static JsonObject Node(string type, JsonArray content, JsonObject? attrs = null)
    {
        var node = new JsonObject { ["type"] = type };
        if (attrs is not null)
        {
            node["attrs"] = attrs;
        }

        node["content"] = content;
        return node;
    }

    private static JsonObject Mark(string type) => new() { ["type"] = type };

    private static JsonObject Link(Uri target) => new() { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = target.AbsoluteUri } };
}
