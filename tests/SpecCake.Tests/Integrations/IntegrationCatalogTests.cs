using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpecCake.Configuration;
using SpecCake.Integrations;
using SpecCake.Tests.Configuration;

namespace SpecCake.Tests.Integrations;

/// <summary>
/// The descriptors are what SpecCake knows of each integration; the schema editors use, the README and
/// the code outside each integration's folder must agree with them.
/// </summary>
public sealed partial class IntegrationCatalogTests
{
    private static readonly JsonObject SchemaIntegrations =
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "schemas", "specs.config.schema.json")))!["properties"]!["integrations"]!["properties"]!.AsObject();

    public static TheoryData<string> Keys() => [.. IntegrationCatalog.All.Select(descriptor => descriptor.Key)];

    [Fact]
    public void Catalog_Keys_AreExactlyTheSchemasIntegrations()
    {
        Assert.Equal(SchemaIntegrations.Select(pair => pair.Key).Order(StringComparer.Ordinal), IntegrationCatalog.All.Select(descriptor => descriptor.Key).Order(StringComparer.Ordinal));
        Assert.Equal(IntegrationCatalog.All.Count, IntegrationCatalog.All.Select(descriptor => descriptor.OptionsType).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Descriptor_Settings_AreTheSchemasKeysOfItsBlockBesidesEnabledAndApiUrl(string key)
    {
        var descriptor = IntegrationCatalog.Find(key)!;
        var properties = SchemaIntegrations[key]!["properties"]!.AsObject().Select(pair => pair.Key).Where(name => name is not ("enabled" or "api_url"));

        Assert.Equal(properties.Order(StringComparer.Ordinal), descriptor.Settings.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Descriptor_Bind_ReadsExactlyItsSettings(string key)
    {
        var descriptor = IntegrationCatalog.Find(key)!;
        var block = new ConfigBlock([], _ => null);

        var options = descriptor.Bind(block);

        Assert.IsType(descriptor.OptionsType, options);
        Assert.Equal(descriptor.Settings.Order(StringComparer.Ordinal), block.KeysRead.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Descriptor_Variables_AreNamedInTheSchemaAndTheReadmeAndItsCredentialsMasked(string key)
    {
        var descriptor = IntegrationCatalog.Find(key)!;
        var description = SchemaIntegrations[key]!["description"]!.GetValue<string>();
        var readmeSecrets = ReadmeSection("## Secrets");

        foreach (var variable in descriptor.Variables)
        {
            Assert.Contains(variable.Name, description, StringComparison.Ordinal);
            Assert.Contains($"`{variable.Name}`", readmeSecrets, StringComparison.Ordinal);
            Assert.Equal(variable.IsCredential, SecretNames.Credentials.Contains(variable.Name));
        }
    }

    [Fact]
    public void Source_OutsideAnIntegrationsFolder_NamesNoIntegrationKeyOrVariableAsALiteral()
    {
        var source = Path.Combine(TestConfig.RepositoryRoot(), "src");
        var offenders = new List<string>();
        foreach (var descriptor in IntegrationCatalog.All)
        {
            // SpecCake.Integrations.Slack → src/SpecCake/Integrations/Slack/
            var folder = Path.Combine(source, "SpecCake", "Integrations", descriptor.GetType().Namespace!.Split('.')[^1]) + Path.DirectorySeparatorChar;
            var literals = descriptor.Variables.Where(variable => variable.Name != SecretNames.GitHubToken).Select(variable => variable.Name).Prepend(descriptor.Key).Select(name => $"\"{name}\"").ToArray();
            foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories).Where(file => !file.StartsWith(folder, StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (var line in File.ReadLines(file).Select(line => line.Trim()).Where(line => !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith('*')))
                {
                    offenders.AddRange(literals.Where(literal => line.Contains(literal, StringComparison.Ordinal)).Select(literal => $"{Path.GetRelativePath(source, file)}: {literal}"));
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void Readme_DevelopmentSection_SaysHowToAddAnIntegrationWithTheCatalogLineAndTheDescriptor()
    {
        var development = ReadmeSection("## Development");

        Assert.Contains("### Adding an integration", development, StringComparison.Ordinal);
        Assert.Contains("IntegrationCatalog.cs", development, StringComparison.Ordinal);
        Assert.Contains("IntegrationDescriptor<", development, StringComparison.Ordinal);
        Assert.Contains("schemas/specs.config.schema.json", development, StringComparison.Ordinal);
    }

    private static string ReadmeSection(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no {heading}");
        var next = NextHeading().Match(readme, start + heading.Length + 2);
        return next.Success ? readme[start..next.Index] : readme[start..];
    }

    [GeneratedRegex(@"\n## ")]
    private static partial Regex NextHeading();
}
