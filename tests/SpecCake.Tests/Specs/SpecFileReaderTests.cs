using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Tests.Specs;

/// <summary>A spec file is valid exactly when the JSON Schema (as JsonSchema.Net evaluates it) says so.</summary>
public sealed class SpecFileReaderTests
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
    public void Parse_AnyDocument_AcceptsExactlyWhatTheJsonSchemaAccepts(string yaml)
    {
        var document = YamlJsonReader.Read(yaml, "FEAT-0001.yaml", new List<ValidationError>())!;

        // The file is named after the ID, so only the schema's verdict is compared.
        var id = document.Root?["id"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : "FEAT-0001";
        var result = SpecFileReader.Parse(yaml, "f", $"specs/{id}.yaml");

        Assert.Equal(SchemaValidator.Spec.IsValidByJsonSchemaNet(document.Root), result.Spec is not null);
    }

    [Fact]
    public void Parse_ValidSpec_ReadsEveryField()
    {
        const string yaml = "id: FEAT-0001\ntitle: 'Sign in'\nstatus: approved\ntype: feature\nseverity: SEV2\nowner: \"@team\"\nreviewers: [\"@a\", \"@b\"]\nlabels: [auth]\ndescription: |\n  Text\nacceptance_criteria:\n  - First\n  - {id: AC-9, text: Second}\nx-note: {kept: [1]}\n";

        var result = SpecFileReader.Parse(yaml, "f", "specs/FEAT-0001.yaml");

        var spec = Assert.IsType<Spec>(result.Spec);
        Assert.Empty(result.Errors);
        Assert.Equal(new SourcePosition(1, 5), result.IdPosition);
        Assert.Equal(
            ("FEAT-0001", "Sign in", SpecStatus.Approved, SpecType.Feature, SpecSeverity.Sev2, "@team", "Text\n", "specs/FEAT-0001.yaml"),
            (spec.Id, spec.Title, spec.Status, spec.Type, spec.Severity, spec.Owner, spec.Description, spec.File));
        Assert.Equal(["@a", "@b"], spec.Reviewers);
        Assert.Equal(["auth"], spec.Labels);
        Assert.Equal([new AcceptanceCriterion("AC-1", "First"), new AcceptanceCriterion("AC-9", "Second")], spec.AcceptanceCriteria);
    }
}
