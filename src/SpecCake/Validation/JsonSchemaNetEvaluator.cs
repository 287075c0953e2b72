using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SpecCake.Validation;

/// <summary>One keyword failure as JsonSchema.Net reports it, with pointers as strings.</summary>
internal sealed record SchemaFailure(string InstanceLocation, string EvaluationPath, string Keyword, string Message);

/// <summary>
/// JsonSchema.Net behind a class of its own, so that its assembly and static set-up are loaded
/// only when a document is invalid (or a test asks).
/// </summary>
internal sealed class JsonSchemaNetEvaluator(string schemaText)
{
    // The flag format stops at the first failure and is several times faster; the detailed list
    // is only worth its cost for documents that are invalid.
    private static readonly EvaluationOptions FlagOptions = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions ListOptions = new() { OutputFormat = OutputFormat.List };

    // A registry of its own: the schemas' $id must not clash with another copy loaded in the same process.
    private readonly JsonSchema _schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>Every failing keyword; empty when the document is valid.</summary>
    public IReadOnlyList<SchemaFailure> Failures(JsonNode? root)
    {
        // Through text rather than SerializeToElement: no reflection-based serializer to start up.
        using var parsed = JsonDocument.Parse(root?.ToJsonString() ?? "null");
        if (_schema.Evaluate(parsed.RootElement, FlagOptions).IsValid)
        {
            return [];
        }

        var failures = new List<SchemaFailure>();
        foreach (var detail in _schema.Evaluate(parsed.RootElement, ListOptions).Details ?? [])
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                failures.Add(new SchemaFailure(detail.InstanceLocation.ToString(), detail.EvaluationPath.ToString(), keyword, message));
            }
        }

        return failures;
    }
}
