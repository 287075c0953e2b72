using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SpecCake.Validation;

/// <summary>
/// One of SpecCake's JSON Schemas (embedded from <c>schemas/</c>), compiled once, evaluating
/// documents read by <see cref="YamlJsonReader"/> and turning JsonSchema.Net's results into
/// <c>file:line:column</c> errors a person can act on.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly Lazy<SchemaValidator> SpecInstance = new(() => FromResource("spec.schema.json"));
    private static readonly Lazy<SchemaValidator> ConfigInstance = new(() => FromResource("specs.config.schema.json"));

    // The flag format stops at the first failure and is several times faster; the detailed list
    // is only worth its cost for the few documents that are invalid.
    private static readonly EvaluationOptions FlagOptions = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions ListOptions = new() { OutputFormat = OutputFormat.List };

    private readonly Lazy<JsonSchema> _schema;
    private readonly SchemaErrorTranslator _translator;
    private readonly SchemaSubset _subset;

    private SchemaValidator(string schemaText)
    {
        // A registry of its own: the schemas' $id must not clash with another copy loaded in the same process.
        _schema = new(() => JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        var schemaJson = JsonNode.Parse(schemaText)!;
        _translator = new SchemaErrorTranslator(schemaJson);
        _subset = new SchemaSubset(schemaJson);
    }

    /// <summary>The schema of spec files, <c>schemas/spec.schema.json</c>.</summary>
    public static SchemaValidator Spec => SpecInstance.Value;

    /// <summary>The schema of <c>specs.config.yaml</c>, <c>schemas/specs.config.schema.json</c>.</summary>
    public static SchemaValidator Config => ConfigInstance.Value;

    /// <summary>The text of an embedded schema (the same file editors point at).</summary>
    public static string ReadResource(string fileName)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("SpecCake.Schemas." + fileName)
            ?? throw new InvalidOperationException($"The schema {fileName} is not embedded in {typeof(SchemaValidator).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Adds one error per schema violation in <paramref name="document"/>.</summary>
    public void Validate(YamlJsonDocument document, string file, ICollection<ValidationError> errors)
    {
        if (_subset.Accepts(document.Root))
        {
            return;
        }

        // Through text rather than SerializeToElement: no reflection-based serializer to start up.
        using var parsed = JsonDocument.Parse(document.Root?.ToJsonString() ?? "null");
        var instance = parsed.RootElement;
        if (_schema.Value.Evaluate(instance, FlagOptions).IsValid)
        {
            return;
        }

        var results = _schema.Value.Evaluate(instance, ListOptions);

        var found = new List<ValidationError>();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                found.AddRange(_translator.Translate(document, file, detail.InstanceLocation.ToString(), detail.EvaluationPath.ToString(), keyword, message));
            }
        }

        foreach (var error in found.Distinct().OrderBy(e => e.Line).ThenBy(e => e.Column))
        {
            errors.Add(error);
        }
    }

    /// <summary>JsonSchema.Net's verdict alone (tests compare it with the subset evaluator's).</summary>
    internal bool IsValidByJsonSchemaNet(JsonNode? root)
    {
        using var parsed = JsonDocument.Parse(root?.ToJsonString() ?? "null");
        return _schema.Value.Evaluate(parsed.RootElement, FlagOptions).IsValid;
    }

    /// <summary>The subset evaluator's verdict alone.</summary>
    internal bool IsAcceptedBySubset(JsonNode? root) => _subset.Accepts(root);

    private static SchemaValidator FromResource(string fileName) => new(ReadResource(fileName));
}
