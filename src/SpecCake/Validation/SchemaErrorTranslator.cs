using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Events;

namespace SpecCake.Validation;

/// <summary>
/// Turns one JsonSchema.Net error (keyword, instance location, evaluation path) into the message
/// a person needs: what is wrong, where, and the fix. The schema itself supplies the valid keys,
/// enum values and, through the <c>patternErrorMessage</c> keyword editors also show, the
/// wording for patterns.
/// </summary>
internal sealed class SchemaErrorTranslator(JsonNode schema)
{
    public IEnumerable<ValidationError> Translate(YamlJsonDocument document, string file, string instancePointer, string evaluationPath, string keyword, string rawMessage)
    {
        var schemaNode = Navigate(evaluationPath);
        var instance = Resolve(document.Root, instancePointer);
        var where = Describe(instancePointer);
        var at = document.Map.ValueAt(instancePointer);

        switch (keyword)
        {
            case "" when evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal):
            {
                var key = JsonPointerText.Segments(instancePointer)[^1];
                var parentPointer = JsonPointerText.Parent(instancePointer);
                var valid = Navigate(JsonPointerText.Parent(evaluationPath))?["properties"]?.AsObject().Select(p => p.Key).ToArray() ?? [];
                var inWhat = parentPointer.Length == 0 ? "at the top level" : $"in {Describe(parentPointer)}";
                var suggestion = ClosestMatch.Find(key, valid);
                var fix = suggestion is not null
                    ? $"did you mean '{suggestion}'?"
                    : $"valid keys: {string.Join(", ", valid)}";
                var keyAt = document.Map.KeyAt(instancePointer);
                yield return Error(file, keyAt, $"unknown key {LogText.Quoted(key)} {inWhat}; {fix}");
                break;
            }

            case "required":
            {
                var required = schemaNode?["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [];
                var present = instance as JsonObject;
                foreach (var name in required.Where(name => present is null || !present.ContainsKey(name)))
                {
                    var inWhat = instancePointer.Length == 0 ? string.Empty : $" in {where}";
                    yield return Error(file, at, $"missing required key '{name}'{inWhat}");
                }

                break;
            }

            case "type":
                yield return Error(file, at, $"{where} must be {Expected(schemaNode?["type"])}, not {Actual(instance)}{TypeHint(schemaNode?["type"], instance)}");
                break;

            case "enum":
            {
                var allowed = schemaNode?["enum"]?.AsArray().Select(n => n is JsonValue choice && choice.TryGetValue<string>(out var name) ? name : string.Empty).ToArray() ?? [];
                var typed = instance is JsonValue value && value.TryGetValue<string>(out var text) ? text : instance?.ToJsonString() ?? "null";
                var suggestion = ClosestMatch.Find(typed, allowed);
                var hint = suggestion is not null ? $"did you mean '{suggestion}'? " : string.Empty;
                yield return allowed.SequenceEqual(SpecEventKinds.AllNames)
                    ? Error(file, at, $"unknown event {LogText.Quoted(typed)} in {Describe(JsonPointerText.Parent(instancePointer))}; {hint}valid events: {string.Join(", ", allowed)}")
                    : Error(file, at, $"{where} has the invalid value {LogText.Quoted(typed)}; {hint}valid values: {string.Join(", ", allowed)}");
                break;
            }

            case "pattern":
            {
                var reason = schemaNode?["patternErrorMessage"]?.GetValue<string>() ?? $"it must match {schemaNode?["pattern"]?.GetValue<string>()}";
                yield return Error(file, at, $"{where} has the invalid value {LogText.Quoted(Text(instance))}: {reason}");
                break;
            }

            case "minimum":
                yield return Error(file, at, $"{where} must be at least {schemaNode?["minimum"]}, not {LogText.Escaped(Text(instance), LogText.ShownLength)}");
                break;

            case "maximum":
                yield return Error(file, at, $"{where} must be at most {schemaNode?["maximum"]}, not {LogText.Escaped(Text(instance), LogText.ShownLength)}");
                break;

            case "minItems":
                yield return Error(file, at, $"{where} must list at least {schemaNode?["minItems"]} item(s)");
                break;

            case "minLength":
                yield return Error(file, at, $"{where} must not be empty");
                break;

            default:
                yield return Error(file, at, $"{where}: {LogText.Escaped(rawMessage, LogText.ShownLength * 4)}");
                break;
        }
    }

    private static ValidationError Error(string file, SourcePosition at, string message) =>
        new(file, at.Line, at.Column, message);

    private static string Describe(string pointer) =>
        pointer.Length == 0 ? "the document" : JsonPointerText.ToDotted(pointer);

    /// <summary>Finds the subschema an evaluation path ends at, following local <c>$ref</c>s.</summary>
    private JsonNode? Navigate(string evaluationPath)
    {
        JsonNode? current = schema;
        string? previous = null;
        foreach (var segment in JsonPointerText.Segments(evaluationPath))
        {
            if (current is null)
            {
                return null;
            }

            // JsonSchema.Net 8.0.5 repeats the segment of an applicator in evaluation paths below
            // "items" (".../items/items/additionalProperties"); a repeat the schema does not have is skipped.
            var repeated = segment == previous;
            previous = segment;
            if (repeated && current is JsonObject here && !here.ContainsKey(segment))
            {
                continue;
            }

            if (segment == "$ref" && current["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
            {
                current = Resolve(schema, reference[1..]);
                continue;
            }

            current = current is JsonObject obj ? obj[segment] : null;
        }

        return current;
    }

    private static JsonNode? Resolve(JsonNode? root, string pointer)
    {
        var current = root;
        foreach (var segment in JsonPointerText.Segments(pointer))
        {
            current = current switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return current;
    }

    private static string Expected(JsonNode? type)
    {
        var names = type switch
        {
            JsonArray many => many.Select(n => n!.GetValue<string>()).ToArray(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        return string.Join(" or ", names.Where(name => name != "null").Select(name => name switch
        {
            "boolean" => "true or false",
            "string" => "text",
            "integer" => "a whole number",
            "number" => "a number",
            "array" => "a list",
            "object" => "a mapping of keys to values",
            _ => name,
        }));
    }

    private static string Actual(JsonNode? instance) => instance switch
    {
        null => "empty",
        JsonArray => "a list",
        JsonObject => "a mapping",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => $"the text {LogText.Quoted(value.GetValue<string>())}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {value.ToJsonString()}",
            JsonValueKind.Number => $"the number {value.ToJsonString()}",
            _ => value.ToJsonString(),
        },
        _ => instance.ToJsonString(),
    };

    private static string TypeHint(JsonNode? type, JsonNode? instance)
    {
        var expected = type?.ToJsonString() ?? string.Empty;
        if (expected.Contains("boolean", StringComparison.Ordinal) && instance is JsonValue value
            && value.TryGetValue<string>(out var text) && text.ToLowerInvariant() is "yes" or "no" or "on" or "off" or "y" or "n")
        {
            return "; write true or false";
        }

        if (expected.Contains("string", StringComparison.Ordinal) && instance is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
        {
            return "; put it in quotes";
        }

        if (expected.Contains("array", StringComparison.Ordinal) && instance is JsonValue)
        {
            return "; write it as a list, e.g. [\"a\", \"b\"] or one '- item' per line";
        }

        return string.Empty;
    }

    private static string Text(JsonNode? instance) =>
        instance is JsonValue value && value.TryGetValue<string>(out var text) ? text : instance?.ToJsonString() ?? "null";

}
