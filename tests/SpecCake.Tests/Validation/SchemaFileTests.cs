using System.Text.Json.Nodes;
using SpecCake.Tests.Configuration;
using SpecCake.Validation;

namespace SpecCake.Tests.Validation;

/// <summary>The schemas under schemas/ serve editors too: every key documented, no key left open.</summary>
public sealed class SchemaFileTests
{
    [Theory]
    [InlineData("specs.config.schema.json")]
    [InlineData("spec.schema.json")]
    public void SchemaFile_EveryPropertyHasADescriptionAndEveryObjectIsClosed(string fileName)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "schemas", fileName)))!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());

        var undocumented = new List<string>();
        var open = new List<string>();
        Walk(schema, "#", undocumented, open);

        Assert.Empty(undocumented);
        Assert.Empty(open);
    }

    [Theory]
    [InlineData("specs.config.schema.json")]
    [InlineData("spec.schema.json")]
    public void ReadResource_EmbeddedSchema_IsTheRepositoryFile(string fileName)
    {
        Assert.Equal(File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "schemas", fileName)), SchemaValidator.ReadResource(fileName));
    }

    private static void Walk(JsonNode? node, string path, List<string> undocumented, List<string> open)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (schema["properties"] is JsonObject properties)
        {
            if (!schema.ContainsKey("additionalProperties"))
            {
                open.Add(path);
            }

            foreach (var (name, property) in properties)
            {
                if (property?["description"] is null)
                {
                    undocumented.Add($"{path}/properties/{name}");
                }

                Walk(property, $"{path}/properties/{name}", undocumented, open);
            }
        }

        Walk(schema["items"], path + "/items", undocumented, open);
        Walk(schema["additionalProperties"], path + "/additionalProperties", undocumented, open);
    }
}
