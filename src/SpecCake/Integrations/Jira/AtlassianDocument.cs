using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Atlassian Document Format (Jira Cloud's rich text) for a spec, and the plain text of any ADF
/// document read back, which is what is compared: Jira adds attributes and ids of its own. The
/// description is Markdown by contract and becomes ADF nodes (<see cref="AtlassianMarkdown"/>); every
/// other text (acceptance criteria) is untrusted and only ever a text node. Either form fits Jira's
/// text field limit.
/// </summary>
internal static class AtlassianDocument
{
    /// <summary>
    /// Jira's limit for a text field (<c>jira.text.field.character.limit</c>, 32,767 characters by
    /// default); longer descriptions are rejected. Held on the serialized document, which is never
    /// shorter than the text Jira counts.
    /// </summary>
    public const int MaxFieldLength = 32_767;

    /// <summary>
    /// The issue description: the spec's Markdown, then an "Acceptance criteria" heading and bullet
    /// list. Too long for Jira, the Markdown gives way first (with a note naming the spec file), then
    /// each criterion is cut to the same length.
    /// </summary>
    public static JsonObject Description(Spec spec)
    {
        var markdown = spec.Description?.Trim() ?? string.Empty;
        var criteria = CriterionLength(spec);
        return Fit(markdown.Length + criteria, keep => keep >= criteria
            ? DescriptionWithin(spec, markdown, keep - criteria, criteria)
            : DescriptionWithin(spec, markdown, 0, keep), Size);
    }

    /// <summary>The document as Jira receives it, counted in UTF-16 units of its JSON (emoji and control characters as their escapes).</summary>
    private static int Size(JsonObject document) => document.ToJsonString(SerializerOptions).Length;

    private static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The acceptance criteria alone, for the <c>acceptance_criteria</c> custom field.</summary>
    public static JsonObject Criteria(Spec spec) =>
        Fit(CriterionLength(spec), keep => Document(spec.AcceptanceCriteria.Count > 0 ? new JsonArray(CriteriaList(spec, keep)) : []), Size);

    /// <summary>The words of an ADF document (or of a plain string, as Server returns) in reading order.</summary>
    public static string PlainText(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() ?? string.Empty;
        }

        var text = new StringBuilder();
        Walk(value, text);
        return text.ToString();
    }

    /// <summary>The words of a document this class built.</summary>
    public static string PlainText(JsonNode document)
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        return PlainText(json.RootElement);
    }

    /// <summary>Jira Server/Data Center wiki markup for the same content.</summary>
    public static string WikiMarkup(Spec spec)
    {
        var markdown = spec.Description?.Trim() ?? string.Empty;
        var criteria = CriterionLength(spec);
        return Fit(markdown.Length + criteria, keep => keep >= criteria
            ? WikiWithin(spec, markdown, keep - criteria, criteria)
            : WikiWithin(spec, markdown, 0, keep), text => text.Length);
    }

    /// <summary>The criteria as a wiki-markup bullet list.</summary>
    public static string CriteriaWiki(Spec spec) =>
        Fit(CriterionLength(spec), keep => CriteriaWiki(spec, keep), text => text.Length);

    /// <summary>
    /// The largest <c>keep</c> (up to <paramref name="full"/>) whose result fits <see cref="MaxFieldLength"/>:
    /// whole when it fits, else found by halving (the builds are cheap next to a request).
    /// </summary>
    private static T Fit<T>(int full, Func<int, T> build, Func<T, int> size)
    {
        var whole = build(full);
        if (size(whole) <= MaxFieldLength)
        {
            return whole;
        }

        var (low, high) = (0, full);
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (size(build(middle)) <= MaxFieldLength)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return build(low);
    }

    /// <summary>The description with its Markdown cut to <paramref name="keep"/> characters (and a note that it was), each criterion to <paramref name="criteriaKeep"/>.</summary>
    private static JsonObject DescriptionWithin(Spec spec, string markdown, int keep, int criteriaKeep)
    {
        var content = new JsonArray();
        if (markdown.Length > 0)
        {
            foreach (var block in AtlassianMarkdown.Blocks(TextLimit.Truncate(markdown, keep)))
            {
                content.Add(block);
            }

            if (keep < markdown.Length)
            {
                content.Add((JsonNode)(Paragraph(Shortened(spec))));
            }
        }

        if (spec.AcceptanceCriteria.Count > 0)
        {
            content.Add((JsonNode)(new JsonObject
            {
                ["type"] = "heading",
                ["attrs"] = new JsonObject { ["level"] = 2 },
                ["content"] = new JsonArray(Text("Acceptance criteria")),
            }));
            content.Add((JsonNode)(CriteriaList(spec, criteriaKeep)));
        }

        return Document(content);
    }

    private static string WikiWithin(Spec spec, string markdown, int keep, int criteriaKeep)
    {
        var text = new StringBuilder();
        if (markdown.Length > 0)
        {
            text.Append(JiraWikiMarkup.FromMarkdown(TextLimit.Truncate(markdown, keep))).Append("\n\n");
            if (keep < markdown.Length)
            {
                text.Append(JiraWikiMarkup.Escape(Shortened(spec))).Append("\n\n");
            }
        }

        if (spec.AcceptanceCriteria.Count > 0)
        {
            text.Append("h2. Acceptance criteria\n");
            text.Append(CriteriaWiki(spec, criteriaKeep));
        }

        return text.ToString().TrimEnd();
    }

    private static string CriteriaWiki(Spec spec, int keep) =>
        string.Concat(spec.AcceptanceCriteria.Select(criterion => "* " + JiraWikiMarkup.Escape(Criterion(criterion, keep)) + "\n")).TrimEnd();

    private static string Shortened(Spec spec) => $"(Shortened to fit Jira: the whole description is in {spec.File}.)";

    /// <summary>The longest criterion line: what a criteria list keeps of each line at most.</summary>
    private static int CriterionLength(Spec spec) =>
        spec.AcceptanceCriteria.Count == 0 ? 0 : spec.AcceptanceCriteria.Max(criterion => SpecText.Criterion(criterion).Length);

    private static string Criterion(AcceptanceCriterion criterion, int keep) =>
        TextLimit.Truncate(TextLimit.Clean(SpecText.Criterion(criterion)), Math.Max(keep, criterion.Id.Length + 8));

    private static void Walk(JsonElement node, StringBuilder text)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (node.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
        {
            text.Append(value.GetString());
        }

        if (node.TryGetProperty("type", out var kind) && kind.GetString() == "hardBreak")
        {
            text.Append('\n');
        }

        if (node.TryGetProperty("content", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, text);
            }
        }

        // Block nodes end a line, so "a" + "b" in two paragraphs never reads as "ab".
        if (node.TryGetProperty("type", out var type) && type.GetString() is "paragraph" or "heading" or "listItem")
        {
            text.Append('\n');
        }
    }

    private static JsonObject Document(JsonArray content) =>
        new() { ["type"] = "doc", ["version"] = 1, ["content"] = content };

    private static JsonObject CriteriaList(Spec spec, int keep)
    {
        var items = new JsonArray();
        foreach (var criterion in spec.AcceptanceCriteria)
        {
            // Untrusted text: a text node, never parsed as Markdown.
            items.Add((JsonNode)(new JsonObject { ["type"] = "listItem", ["content"] = new JsonArray(Paragraph(Criterion(criterion, keep))) }));
        }

        return new JsonObject { ["type"] = "bulletList", ["content"] = items };
    }

    // A line break inside a paragraph is a hardBreak node in ADF; Jira would store a raw newline as one anyway.
    private static JsonObject Paragraph(string text)
    {
        var content = new JsonArray();
        foreach (var line in text.Split('\n'))
        {
            if (content.Count > 0)
            {
                content.Add((JsonNode)(new JsonObject { ["type"] = "hardBreak" }));
            }

            if (line.Length > 0)
            {
                content.Add((JsonNode)(Text(line)));
            }
        }

        return new JsonObject { ["type"] = "paragraph", ["content"] = content };
    }

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };
}
