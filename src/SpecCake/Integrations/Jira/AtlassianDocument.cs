using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Atlassian Document Format (Jira Cloud's rich text) for a spec, and the plain text of any ADF
/// document read back, which is what is compared: Jira adds attributes and ids of its own.
/// </summary>
internal static class AtlassianDocument
{
    /// <summary>The issue description: the spec's paragraphs, then an "Acceptance criteria" heading and bullet list.</summary>
    public static JsonObject Description(Spec spec)
    {
        var content = new JsonArray();
        if (!string.IsNullOrWhiteSpace(spec.Description))
        {
            foreach (var paragraph in spec.Description.Trim().Split("\n\n"))
            {
                content.Add((JsonNode)Paragraph(paragraph.Trim()));
            }
        }

        if (spec.AcceptanceCriteria.Count > 0)
        {
            content.Add((JsonNode)new JsonObject
            {
                ["type"] = "heading",
                ["attrs"] = new JsonObject { ["level"] = 2 },
                ["content"] = new JsonArray(Text("Acceptance criteria")),
            });
            content.Add((JsonNode)CriteriaList(spec));
        }

        return Document(content);
    }

    /// <summary>The acceptance criteria alone, for the <c>acceptance_criteria</c> custom field.</summary>
    public static JsonObject Criteria(Spec spec) =>
        Document(spec.AcceptanceCriteria.Count > 0 ? new JsonArray(CriteriaList(spec)) : []);

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
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(spec.Description))
        {
            text.Append(spec.Description.Trim()).Append("\n\n");
        }

        if (spec.AcceptanceCriteria.Count > 0)
        {
            text.Append("h2. Acceptance criteria\n");
            text.Append(CriteriaWiki(spec));
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The criteria as a wiki-markup bullet list.</summary>
    public static string CriteriaWiki(Spec spec) =>
        string.Concat(spec.AcceptanceCriteria.Select(criterion => "* " + SpecText.Criterion(criterion) + "\n")).TrimEnd();

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

    private static JsonObject CriteriaList(Spec spec)
    {
        var items = new JsonArray();
        foreach (var criterion in spec.AcceptanceCriteria)
        {
            items.Add((JsonNode)new JsonObject { ["type"] = "listItem", ["content"] = new JsonArray(Paragraph(SpecText.Criterion(criterion))) });
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
                content.Add((JsonNode)new JsonObject { ["type"] = "hardBreak" });
            }

            if (line.Length > 0)
            {
                content.Add((JsonNode)Text(line));
            }
        }

        return new JsonObject { ["type"] = "paragraph", ["content"] = content };
    }

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };
}
