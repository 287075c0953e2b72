using SpecCake.Tests.Configuration;
using SpecCake.Tests.Specs;
using SpecCake.Validation;

namespace SpecCake.Tests.Validation;

/// <summary>
/// The subset evaluator lets valid documents skip JsonSchema.Net; it must never accept what
/// JsonSchema.Net rejects (errors would be missed) nor reject what it accepts (start-up wasted).
/// </summary>
public sealed class SchemaSubsetTests
{
    public static TheoryData<string> ConfigDocuments()
    {
        var data = new TheoryData<string>();
        foreach (var row in SpecCakeConfigLoaderTests.BadInputs())
        {
            data.Add((string)row[0]);
        }

        foreach (var row in ImplementationConfigTests.BadInputs())
        {
            data.Add((string)row[0]);
        }

        data.Add("implementation:\n  verify: [\"dotnet test\", {run: make, timeout_minutes: 2.5}, {timeout_minutes: 1}, \"\"]\n");
        data.Add("implementation:\n  timeout_minutes: 0.5\n  pull_request: null\n");

        var snippets = Path.Combine(AppContext.BaseDirectory, "Configuration", "GuideSnippets");
        foreach (var file in Directory.GetFiles(snippets, "*.yaml").Where(f => !f.Contains("fragment", StringComparison.Ordinal)))
        {
            data.Add(File.ReadAllText(file));
        }

        data.Add(File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "specs.config.yaml")));
        data.Add("integrations:\n  jira:\n    transition_on_approve: 21\n    transition_on_implement: 0\n");
        data.Add("integrations:\n  email:\n    smtp:\n      port: 25.5\n");
        data.Add("integrations:\n  email:\n    smtp:\n      port: 465.0\n");
        data.Add("integrations:\n  webhooks:\n    endpoints:\n      - {name: a, url: u, headers: {X: 1}}\n");
        data.Add("integrations:\n  webhooks:\n    endpoints:\n      - {name: \"\", url: u, retry_count: 11}\n");
        data.Add("integrations:\n  slack: null\n");
        data.Add("specs:\n  paths: []\n");
        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigDocuments))]
    public void Accepts_ConfigDocument_AgreesWithJsonSchemaNet(string yaml)
    {
        var document = YamlJsonReader.Read(yaml, "specs.config.yaml", new List<ValidationError>());
        if (document is null)
        {
            return; // not YAML: never reaches the schema
        }

        Assert.Equal(SchemaValidator.Config.IsValidByJsonSchemaNet(document.Root), SchemaValidator.Config.IsAcceptedBySubset(document.Root));
    }

    public static TheoryData<string> SpecDocuments()
    {
        // Both sources hold some of the same documents: each is checked once (xunit skips a repeated case).
        var data = new TheoryData<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in SpecCatalogTests.BadSpecs())
        {
            if (seen.Add((string)row[0]))
            {
                data.Add((string)row[0]);
            }
        }

        foreach (var yaml in SpecFileReaderTests.Documents())
        {
            if (seen.Add(yaml))
            {
                data.Add(yaml);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SpecDocuments))]
    public void Accepts_SpecDocument_AgreesWithJsonSchemaNet(string yaml)
    {
        var document = YamlJsonReader.Read(yaml, "FEAT-0001.yaml", new List<ValidationError>());
        if (document is null)
        {
            return; // not YAML: never reaches the schema
        }

        Assert.Equal(SchemaValidator.Spec.IsValidByJsonSchemaNet(document.Root), SchemaValidator.Spec.IsAcceptedBySubset(document.Root));
    }
}
