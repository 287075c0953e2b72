using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SpecCake.Integrations.Jira;
using SpecCake.Specs;

namespace SpecCake.Tests.Integrations.Jira;

public sealed class AtlassianDocumentTests
{
    /// <summary>Atlassian's published ADF schema (vendored, see adf-schema.NOTICE.md).</summary>
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Integrations", "Jira", "adf-schema.json")),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static TheoryData<string> Descriptions => new()
    {
        "Plain words.",
        "# Title\n\nA paragraph with **strong**, _emphasis_, ***both***, `code` and [a link](https://example.com/docs).\n\n- one\n- two\n  - nested\n\n3. three\n4. four\n\n```csharp\nvar x = 1;\n```\n\n> quoted\n> - and a list\n\n---\n\nEnd.",
        "- # heading in a list\n- ```\n  code in a list\n  ```\n-\n- > quote in a list",
        "<div onclick=\"x()\">raw html</div>\n\nInline <b>html</b> &amp; &copy; entities",
        "![an image](https://example.com/x.png) [js](javascript:alert(1)) [relative](docs/x.md) <https://example.com/auto> <mail@example.com>",
        "**`code in strong`** [`code link`](https://example.com) [**strong link**](https://example.com)",
        "line one\nline two  \nline three\\\nline four",
        "```\n```\n\n    indented code\n\n[ref]: https://example.com\n\n[ref]",
        AwkwardInput.Description[..3000],
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void Description_AnyMarkdown_ValidAgainstAtlassiansSchema(string markdown)
    {
        var document = AtlassianDocument.Description(Spec(markdown));

        AssertValid(document);
    }

    [Fact]
    public void Schema_HeadingInAListItemOrEmptyText_Rejected()
    {
        // The schema check can fail: ADF allows no heading in a list item and no empty text node.
        var invalid = JsonNode.Parse("""
            {"type":"doc","version":1,"content":[{"type":"bulletList","content":[{"type":"listItem","content":[
              {"type":"heading","attrs":{"level":1},"content":[{"type":"text","text":""}]}]}]}]}
            """)!;

        using var json = JsonDocument.Parse(invalid.ToJsonString());
        Assert.False(Schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid);
    }

    [Fact]
    public void Description_AwkwardSpec_ValidAndWithinJirasLimit()
    {
        var document = AtlassianDocument.Description(AwkwardInput.Spec);

        AssertValid(document);
        AssertValid(AtlassianDocument.Criteria(AwkwardInput.Spec));
        Assert.True(document.ToJsonString().Length <= 32_767 || Relaxed(document).Length <= 32_767);
        Assert.Contains("(Shortened to fit Jira: the whole description is in specs/features/FEAT-0001.yaml.)", AtlassianDocument.PlainText(document), StringComparison.Ordinal);
    }

    [Fact]
    public void Description_MarkdownSubset_BecomesHeadingsListsCodeAndMarks()
    {
        var document = AtlassianDocument.Description(Spec(
            "## Goal\n\nSign in with **email** and _password_, see `auth.md` and [the docs](https://example.com/docs).\n\n- first\n- second\n\n3. third\n\n```yaml\nid: FEAT-0001\n```"));

        var content = document["content"]!.AsArray();
        Assert.Equal(["heading", "paragraph", "bulletList", "orderedList", "codeBlock", "heading", "bulletList"], content.Select(node => (string)node!["type"]!));
        Assert.Equal(2, (int)content[0]!["attrs"]!["level"]!);
        JsonAssert.Equal(
            """
            [{"type":"text","text":"Sign in with "},{"type":"text","text":"email","marks":[{"type":"strong"}]},{"type":"text","text":" and "},
             {"type":"text","text":"password","marks":[{"type":"em"}]},{"type":"text","text":", see "},{"type":"text","text":"auth.md","marks":[{"type":"code"}]},
             {"type":"text","text":" and "},{"type":"text","text":"the docs","marks":[{"type":"link","attrs":{"href":"https://example.com/docs"}}]},
             {"type":"text","text":" (example.com)."}]
            """,
            content[1]!["content"]!);
        Assert.Equal(3, (int)content[3]!["attrs"]!["order"]!);
        JsonAssert.Equal("""{"type":"codeBlock","attrs":{"language":"yaml"},"content":[{"type":"text","text":"id: FEAT-0001"}]}""", content[4]!);
    }

    [Fact]
    public void Description_LinkPosingAsSpecCakes_ShowsWhereItGoes()
    {
        var document = AtlassianDocument.Description(Spec("[View Logs](https://evil.example/x) [js](javascript:alert(1)) [file](file:///etc/passwd)"));

        var inlines = document["content"]![0]!["content"]!.AsArray();
        JsonAssert.Equal(
            """
            [{"type":"text","text":"View Logs","marks":[{"type":"link","attrs":{"href":"https://evil.example/x"}}]},
             {"type":"text","text":" (evil.example) js file"}]
            """,
            inlines);
    }

    [Fact]
    public void Criteria_MarkdownInCriterion_StaysLiteralText()
    {
        var spec = Spec(null) with { AcceptanceCriteria = [new AcceptanceCriterion("AC-1", "[View Logs](https://evil.example/x) **not bold**")] };

        var criteria = AtlassianDocument.Criteria(spec);

        JsonAssert.Equal(
            """{"type":"doc","version":1,"content":[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"AC-1: [View Logs](https://evil.example/x) **not bold**"}]}]}]}]}""",
            criteria);
    }

    [Fact]
    public void WikiMarkup_MarkdownAndUntrustedCriteria_WikiMarkupWithLinksDefused()
    {
        var spec = Spec("## Goal\n\n**Sign in** with `code` and [docs](https://example.com/docs) or [View Logs](https://evil.example/x).\n\n- one\n- two") with
        {
            AcceptanceCriteria = [new AcceptanceCriterion("AC-1", "[View Logs|https://evil.example/x] {html}<b>x</b>{html} !https://evil.example/pixel.png!")],
        };

        var wiki = AtlassianDocument.WikiMarkup(spec);

        Assert.Equal(
            "h2. Goal\n\n*Sign in* with {{code}} and [docs|https://example.com/docs] (example.com) or [View Logs|https://evil.example/x] (evil.example).\n\n* one\n* two\n\n" +
            "h2. Acceptance criteria\n* AC-1: \\[View Logs\\|https://evil.example/x\\] \\{html\\}<b>x</b>\\{html\\} \\!https://evil.example/pixel.png\\!",
            wiki);
    }

    [Fact]
    public void WikiMarkup_AwkwardSpec_WithinJirasLimit()
    {
        Assert.True(AtlassianDocument.WikiMarkup(AwkwardInput.Spec).Length <= 32_767);
        Assert.True(AtlassianDocument.CriteriaWiki(AwkwardInput.Spec).Length <= 32_767);
    }

    private static Spec Spec(string? description) => new()
    {
        Id = "FEAT-0001",
        Title = "User Authentication",
        Status = SpecStatus.Draft,
        File = "specs/features/FEAT-0001.yaml",
        Description = description,
        AcceptanceCriteria = [new AcceptanceCriterion("AC-1", "Users can sign in")],
    };

    private static string Relaxed(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static void AssertValid(JsonNode document)
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        // Flag output stops at the first failure: fast enough for a 32 KB document; the details only when it failed.
        if (Schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid)
        {
            return;
        }

        var result = Schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, "not valid ADF:\n" + string.Join("\n", (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
            .Take(20).Select(detail => $"{detail.InstanceLocation} {detail.EvaluationPath}: {string.Join("; ", detail.Errors!.Values)}")) + "\n" + document.ToJsonString()[..Math.Min(2000, document.ToJsonString().Length)]);
    }
}
