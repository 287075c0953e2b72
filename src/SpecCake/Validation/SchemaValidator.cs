using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpecCake.Validation;

/// <summary>
/// One of SpecCake's JSON Schemas (embedded from <c>schemas/</c>), evaluating documents read by
/// <see cref="YamlJsonReader"/> and turning the results into <c>file:line:column</c> errors a
/// person can act on. A valid document is accepted by <see cref="SchemaSubset"/>; JsonSchema.Net
/// (<see cref="JsonSchemaNetEvaluator"/>) is loaded only when there is something to report.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly Lazy<SchemaValidator> SpecInstance = new(() => FromResource("spec.schema.json"));
    private static readonly Lazy<SchemaValidator> ConfigInstance = new(() => FromResource("specs.config.schema.json"));

    private readonly Lazy<JsonSchemaNetEvaluator> _evaluator;
    private readonly SchemaErrorTranslator _translator;
    private readonly SchemaSubset _subset;

    private SchemaValidator(string schemaText)
    {
        _evaluator = new(() => new JsonSchemaNetEvaluator(schemaText));
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

        var found = new List<ValidationError>();
        foreach (var failure in _evaluator.Value.Failures(document.Root))
        {
            found.AddRange(_translator.Translate(document, file, failure.InstanceLocation, failure.EvaluationPath, failure.Keyword, failure.Message));
        }

        foreach (var error in found.Distinct().OrderBy(e => e.Line).ThenBy(e => e.Column))
        {
            errors.Add(error);
        }
    }

    /// <summary>JsonSchema.Net's verdict alone (tests compare it with the subset evaluator's).</summary>
    internal bool IsValidByJsonSchemaNet(JsonNode? root) => !_evaluator.Value.Failures(root).Any();

    /// <summary>The subset evaluator's verdict alone.</summary>
    internal bool IsAcceptedBySubset(JsonNode? root) => _subset.Accepts(root);

    private static SchemaValidator FromResource(string fileName) => new(ReadResource(fileName));
}
