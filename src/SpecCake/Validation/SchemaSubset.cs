using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SpecCake.Validation;

/// <summary>
/// A yes/no evaluator for the part of JSON Schema 2020-12 that SpecCake's own schemas use
/// (type, enum, pattern, properties, patternProperties, additionalProperties, required, items,
/// local $ref, minimum, maximum, minItems, minLength). A valid document — the usual case on every
/// CI step — is accepted without JsonSchema.Net, whose first build and evaluation cost tens of
/// milliseconds of start-up; anything else, including a keyword not listed here, goes to
/// JsonSchema.Net, which also words the errors. Tests hold the two to the same verdict.
/// </summary>
internal sealed class SchemaSubset(JsonNode schema)
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$defs", "title", "description", "default", "patternErrorMessage",
    };

    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <summary>True when the document is certainly valid; false when it is not, or when unsure.</summary>
    public bool Accepts(JsonNode? instance) => Accepts(schema, instance, depth: 0);

    private bool Accepts(JsonNode? subschema, JsonNode? instance, int depth)
    {
        if (depth > 64 || subschema is not JsonObject rules)
        {
            return subschema is JsonValue value && value.GetValueKind() == JsonValueKind.True;
        }

        foreach (var (keyword, argument) in rules)
        {
            var ok = keyword switch
            {
                "type" => HasType(argument, instance),
                "enum" => argument is JsonArray options && options.Any(option => JsonNode.DeepEquals(option, instance)),
                "pattern" => Text(instance) is not { } text || Pattern(argument).IsMatch(text),
                "minLength" => Text(instance) is not { } s || s.Length >= argument!.GetValue<int>(),
                "minimum" => Number(instance) is not { } low || low >= argument!.GetValue<double>(),
                "maximum" => Number(instance) is not { } high || high <= argument!.GetValue<double>(),
                "minItems" => instance is not JsonArray list || list.Count >= argument!.GetValue<int>(),
                "items" => instance is not JsonArray items || items.All(item => Accepts(argument, item, depth + 1)),
                "required" => instance is not JsonObject required || argument!.AsArray().All(name => required.ContainsKey(name!.GetValue<string>())),
                "properties" or "patternProperties" => true, // checked with additionalProperties below
                "additionalProperties" => true,
                "$ref" => argument!.GetValue<string>() is var reference && reference.StartsWith("#/", StringComparison.Ordinal)
                    && Accepts(Resolve(reference[1..]), instance, depth + 1),
                _ => Annotations.Contains(keyword),
            };
            if (!ok)
            {
                return false;
            }
        }

        return instance is not JsonObject obj || AcceptsMembers(rules, obj, depth);
    }

    private bool AcceptsMembers(JsonObject rules, JsonObject instance, int depth)
    {
        var properties = rules["properties"] as JsonObject;
        var patternProperties = rules["patternProperties"] as JsonObject;
        var additional = rules["additionalProperties"];
        foreach (var (name, value) in instance)
        {
            var matched = false;
            if (properties?.ContainsKey(name) == true)
            {
                matched = true;
                if (!Accepts(properties![name], value, depth + 1))
                {
                    return false;
                }
            }

            foreach (var (pattern, patternSchema) in patternProperties ?? [])
            {
                if (Pattern(JsonValue.Create(pattern)).IsMatch(name))
                {
                    matched = true;
                    if (!Accepts(patternSchema ?? new JsonObject(), value, depth + 1))
                    {
                        return false;
                    }
                }
            }

            if (!matched && rules.ContainsKey("additionalProperties") && !Accepts(additional, value, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasType(JsonNode? argument, JsonNode? instance)
    {
        return argument switch
        {
            JsonArray many => many.Any(type => Is(type!.GetValue<string>(), instance)),
            _ => Is(argument!.GetValue<string>(), instance),
        };

        static bool Is(string type, JsonNode? instance) => type switch
        {
            "object" => instance is JsonObject,
            "array" => instance is JsonArray,
            "null" => instance is null,
            "string" => Text(instance) is not null,
            "boolean" => instance is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => Number(instance) is not null,
            "integer" => Number(instance) is { } n && Math.Floor(n) == n,
            _ => false,
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private Regex Pattern(JsonNode? argument) =>
        _patterns.GetOrAdd(argument!.GetValue<string>(), pattern => new Regex(pattern, RegexOptions.CultureInvariant));

    private JsonNode? Resolve(string pointer)
    {
        JsonNode? current = schema;
        foreach (var segment in JsonPointerText.Segments(pointer))
        {
            current = current is JsonObject obj ? obj[segment] : null;
        }

        return current;
    }
}
