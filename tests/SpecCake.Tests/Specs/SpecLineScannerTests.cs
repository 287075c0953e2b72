using SpecCake.Specs;
using SpecCake.Tests.Configuration;

namespace SpecCake.Tests.Specs;

/// <summary>
/// Whatever the line scanner accepts, it must read exactly as YamlDotNet does; anything it is
/// unsure of it must decline. Checked on tricky inputs, the test corpora and the sample specs.
/// </summary>
public sealed class SpecLineScannerTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>
        {
            "id: FEAT-0001\ntitle: Plain title with: colon-free text\nstatus: draft\n",
            "id: FEAT-0001\ntitle: \"Quoted: with colon # and hash\"\nstatus: draft\n",
            "id: FEAT-0001\ntitle: 'single \"quoted\"'\nstatus: draft\n",
            "id: FEAT-0001\ntitle: t # a comment\nstatus: draft\n",
            "id: FEAT-0001\ntitle: t#not-a-comment\nstatus: draft\n",
            "id: FEAT-0001\ntitle: \"escaped \\\" quote\"\nstatus: draft\n",
            "id: FEAT-0001\ntitle: 'it''s'\nstatus: draft\n",
            "id:    FEAT-0001   \ntitle:   spaced   \nstatus: draft\n",
            "# leading comment\n\nid: FEAT-0001\n# between\ntitle: t\nstatus: draft\n",
            "id: FEAT-0001\ntitle: a long\n  continued title\nstatus: draft\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\ndescription: |\n  one\n\n  two\n    indented\n  three  \n\n\nlabels: [a]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\ndescription: |\n  last line without newline",
            "id: FEAT-0001\ntitle: t\nstatus: draft\ndescription: |\n  a\n   \n  b\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\ndescription: |\n  # not a comment\n  x\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\ndescription: |-\n  a\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\ndescription: >\n  a\n  b\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nreviewers: [\"@a\", '@b', c d]\nlabels: []\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nreviewers: [\"a, b\"]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nlabels: [a:b]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nlabels: [a, [b]]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nlabels: [a, b,]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nlabels:\n- a\n- b\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nlabels:\n  - a\n  # comment\n  - b\n\nowner: o\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nlabels:\n  - a\n    - b\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nlabels:\nowner: o\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - id: AC-1\n    text: First: with colon\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - id: AC-1\n    text: \"First: quoted\"\n  - Second\n  - text: Third\n    id: AC-3\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - id: AC-1\n\n    text: after blank\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - id: AC-1\n      text: deeper\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - Users: are locked out\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - http://example.com/x\n  - -5 items\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  -\n",
            "id: FEAT-0001\ntitle: 5\nstatus: draft\n",
            "id: FEAT-0001\ntitle: true\nstatus: draft\n",
            "id: FEAT-0001\ntitle: null\nstatus: draft\n",
            "id: FEAT-0001\ntitle: 1e3\nstatus: draft\n",
            "id: FEAT-0001\ntitle: .inf\nstatus: draft\n",
            "id: FEAT-0001\ntitle: @team\nstatus: draft\n",
            "id: FEAT-0001\ntitle: &a t\nstatus: *a\n",
            "id: FEAT-0001\ntitle: !!str t\nstatus: draft\n",
            "id: FEAT-0001\ntitle: {a: b}\nstatus: draft\n",
            "---\nid: FEAT-0001\ntitle: t\nstatus: draft\n",
            "id: FEAT-0001\r\ntitle: t\r\nstatus: draft\r\n",
            "id: FEAT-0001\ntitle:\tt\nstatus: draft\n",
            "id: FEAT-0001\nid: FEAT-0001\ntitle: t\nstatus: draft\n",
            "id:FEAT-0001\ntitle: t\nstatus: draft\n",
            "Id: FEAT-0001\ntitle: t\nstatus: draft\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nx-extra: 1\n",
            "id: FEAT-0001\ntitle: Café ünïcode ✓\nstatus: draft\n",
            "id: FEAT-0001\ntitle: emoji 🚀\nstatus: draft\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\n...\n",
        };
        foreach (var yaml in SpecFastReaderTests.Documents())
        {
            data.Add(yaml);
        }

        foreach (var row in SpecCatalogTests.BadSpecs())
        {
            data.Add((string)row[0]);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(TestConfig.RepositoryRoot(), "specs"), "*.yaml", SearchOption.AllDirectories))
        {
            data.Add(File.ReadAllText(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Scan_AnyDocument_ReadsWhatYamlDotNetReadsOrDeclines(string yaml)
    {
        var scanned = SpecLineScanner.Scan(yaml);
        if (scanned is null)
        {
            return; // declined: YamlDotNet decides
        }

        var parsed = SpecFastReader.ReadEvents(yaml);
        Assert.NotNull(parsed);
        Assert.Equal(Describe(parsed), Describe(scanned));
    }

    [Fact]
    public void Scan_TheSampleSpecs_AreReadWithoutYamlDotNet()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(TestConfig.RepositoryRoot(), "specs"), "*.yaml", SearchOption.AllDirectories))
        {
            Assert.NotNull(SpecLineScanner.Scan(File.ReadAllText(file)));
        }
    }

    private static string Describe(SpecDraft draft) =>
        $"id@{draft.IdLine}:{draft.IdColumn} " + string.Join(" | ", draft.Values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Describe(p.Value)}"));

    private static string Describe(object value) => value switch
    {
        string text => "'" + text.Replace("\n", "\\n", StringComparison.Ordinal) + "'",
        List<object> list => "[" + string.Join(", ", list.Select(Describe)) + "]",
        Dictionary<string, string> pairs => "{" + string.Join(", ", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {Describe(p.Value)}")) + "}",
        _ => value.ToString() ?? "null",
    };
}
