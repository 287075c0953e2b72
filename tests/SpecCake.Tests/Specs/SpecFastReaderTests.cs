using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Tests.Specs;

/// <summary>The fast reader and JsonSchema.Net must agree on every input, or errors would be missed or invented.</summary>
public sealed class SpecFastReaderTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>
        {
            "id: FEAT-0001\ntitle: t\nstatus: draft\n",
            "id: FEAT-0001\ntitle: t\nstatus: implemented\ntype: incident\nseverity: SEV1\nowner: \"@o\"\nreviewers: [a]\nlabels: []\ndescription: d\nacceptance_criteria: [x, {id: AC-2, text: y}, {text: z}]\nx-custom: {any: thing}\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria: []\n",
            "id: ABC9-12345\ntitle: t\nstatus: review\n",
            "id: FEAT-001\ntitle: t\nstatus: draft\n",
            "id: 1FEAT-0001\ntitle: t\nstatus: draft\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nseverity: sev1\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nowner: 5\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nreviewers: [a, 1]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nlabels: {a: b}\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\ndescription: null\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria: [\"\"]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria: [{id: AC-1}]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria: [{text: \"\"}]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria: [{text: a, id: 1}]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria: [{text: a, extra: 1}]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria: [[a]]\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria: a\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\nextra: 1\n",
            "id: FEAT-0001\ntitle: true\nstatus: draft\n",
            "id: FEAT-0001\ntitle: t\n",
            "title: t\nstatus: draft\n",
            "id: FEAT-0001\ntitle: t\nstatus: draft\ntype: null\n",
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void TryRead_AnyDocument_AcceptsExactlyWhatTheJsonSchemaAccepts(string yaml)
    {
        var document = YamlJsonReader.Read(yaml, "FEAT-0001.yaml", new List<ValidationError>())!;
        var errors = new List<ValidationError>();
        SchemaValidator.Spec.Validate(document, "FEAT-0001.yaml", errors);

        // The file is named after the ID, so only the schema's verdict is compared.
        var id = document.Root?["id"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : "FEAT-0001";
        var spec = SpecFastReader.TryRead(yaml, $"specs/{id}.yaml", out _);

        Assert.Equal(errors.Count == 0, spec is not null);
    }

    [Fact]
    public void TryRead_ValidSpec_ReadsEveryFieldLikeTheFullRoute()
    {
        const string yaml = "id: FEAT-0001\ntitle: 'Sign in'\nstatus: approved\ntype: feature\nseverity: SEV2\nowner: \"@team\"\nreviewers: [\"@a\", \"@b\"]\nlabels: [auth]\ndescription: |\n  Text\nacceptance_criteria:\n  - First\n  - {id: AC-9, text: Second}\n";

        var fast = SpecFastReader.TryRead(yaml, "specs/FEAT-0001.yaml", out var idAt);
        // An anchor in an extension field is valid but declined by the fast reader: this takes the full route.
        var full = SpecFileReader.Parse(yaml + "x-note: &n kept\n", "f", "specs/FEAT-0001.yaml").Spec;

        Assert.NotNull(fast);
        Assert.Equal(new SourcePosition(1, 5), idAt);
        Assert.NotNull(full);
        Assert.Equal(full, fast with { Reviewers = full.Reviewers, Labels = full.Labels, AcceptanceCriteria = full.AcceptanceCriteria });
        Assert.Equal(full.Reviewers, fast.Reviewers);
        Assert.Equal(full.Labels, fast.Labels);
        Assert.Equal(full.AcceptanceCriteria, fast.AcceptanceCriteria);
        Assert.Equal("Text\n", fast.Description);
    }

    [Theory]
    [InlineData("id: &a FEAT-0001\ntitle: *a\nstatus: draft\n")]
    [InlineData("id: FEAT-0001\ntitle: !!str t\nstatus: draft\n")]
    [InlineData("id: FEAT-0002\ntitle: t\nstatus: draft\n")]
    [InlineData("id: FEAT-0001\ntitle: t\nstatus: draft\n---\nid: FEAT-0001\n")]
    public void TryRead_UnusualOrMismatchedFile_LeavesItToTheFullRoute(string yaml)
    {
        Assert.Null(SpecFastReader.TryRead(yaml, "specs/FEAT-0001.yaml", out _));
    }
}
