using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Tests.Specs;

/// <summary>The fast check and JsonSchema.Net must agree on every input, or errors would be missed or invented.</summary>
public sealed class SpecShapeTests
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
    public void IsValid_AnyDocument_AgreesWithTheJsonSchema(string yaml)
    {
        var document = YamlJsonReader.Read(yaml, "x.yaml", new List<ValidationError>())!;
        var errors = new List<ValidationError>();
        SchemaValidator.Spec.Validate(document, "x.yaml", errors);

        Assert.Equal(errors.Count == 0, SpecShape.IsValid(document.Root));
    }
}
