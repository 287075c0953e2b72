using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SpecCake.Specs;

/// <summary>
/// A hand-written yes/no check of <c>schemas/spec.schema.json</c>, rule for rule. Measured on
/// 10,000 files, JsonSchema.Net's evaluation cost more than parsing the YAML, so a valid spec
/// (nearly all of them) is accepted here and only a rejected one goes through JsonSchema.Net,
/// whose results give the error messages. Tests hold the two to the same verdict.
/// </summary>
internal static partial class SpecShape
{
    private static readonly HashSet<string> Statuses = new(StringComparer.Ordinal) { "draft", "review", "approved", "implemented" };
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "feature", "bug", "chore", "incident" };
    private static readonly HashSet<string> Severities = new(StringComparer.Ordinal) { "SEV1", "SEV2", "SEV3", "SEV4" };

    /// <summary>Whether the schema accepts <paramref name="root"/>.</summary>
    public static bool IsValid(JsonNode? root)
    {
        if (root is not JsonObject spec || !spec.ContainsKey("id") || !spec.ContainsKey("title") || !spec.ContainsKey("status"))
        {
            return false;
        }

        foreach (var (key, value) in spec)
        {
            var ok = key switch
            {
                "id" => Text(value) is { } id && IdPattern().IsMatch(id),
                "title" => Text(value) is { Length: > 0 },
                "status" => Text(value) is { } status && Statuses.Contains(status),
                "type" => Text(value) is { } type && Types.Contains(type),
                "severity" => Text(value) is { } severity && Severities.Contains(severity),
                "owner" or "description" => Text(value) is not null,
                "reviewers" or "labels" => value is JsonArray list && list.All(item => Text(item) is not null),
                "acceptance_criteria" => value is JsonArray criteria && criteria.All(IsCriterion),
                _ => key.StartsWith("x-", StringComparison.Ordinal),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCriterion(JsonNode? item)
    {
        if (Text(item) is { } plain)
        {
            return plain.Length > 0;
        }

        if (item is not JsonObject criterion || !criterion.ContainsKey("text"))
        {
            return false;
        }

        foreach (var (key, value) in criterion)
        {
            var ok = key switch
            {
                "id" => Text(value) is { } id && CriterionIdPattern().IsMatch(id),
                "text" => Text(value) is { Length: > 0 },
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    // The same expressions as the schema's "pattern"s (JSON Schema patterns are unanchored searches).
    [GeneratedRegex("^[A-Z][A-Z0-9]*-[0-9]{4,}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*-[0-9]+$")]
    private static partial Regex CriterionIdPattern();
}
