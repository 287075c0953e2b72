using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SpecCake.Validation;

/// <summary>
/// A yes/no evaluator for the part of JSON Schema 2020-12 that SpecCake's own schemas use
/// (type, enum, pattern, properties, patternProperties, additionalProperties, required, items,
/// local $ref, minimum, maximum, minItems, minLength). A valid document — the usual case on every
/// CI step — is accepted without JsonSchema.Net, whose first build and evaluation cost about 50 ms
/// of every warm start (bench/README.md); anything else, including a keyword not listed here, goes
/// to JsonSchema.Net, which also words the errors. It reads the schema itself (no rule is restated
/// here), compiled once into <see cref="Rule"/>s. Tests hold the two to the same verdict.
/// </summary>
internal sealed class SchemaSubset
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$defs", "title", "description", "default", "patternErrorMessage",
    };

    private const int MaxDepth = 64;

    private readonly JsonNode _schema;
    private readonly Dictionary<string, Rule> _references = new(StringComparer.Ordinal);
    private readonly Rule _root;

    public SchemaSubset(JsonNode schema)
    {
        _schema = schema;
        _root = Compile(schema);
    }

    /// <summary>True when the document is certainly valid; false when it is not, or when unsure.</summary>
    public bool Accepts(JsonNode? instance) => _root.Accepts(instance, depth: 0);

    private Rule Compile(JsonNode? subschema)
    {
        var rule = new Rule();
        if (subschema is not JsonObject rules)
        {
            // true accepts anything; false, or anything that is not a schema, is left to JsonSchema.Net.
            rule.Unsure = !(subschema is JsonValue value && value.GetValueKind() == JsonValueKind.True);
            return rule;
        }

        foreach (var (keyword, argument) in rules)
        {
            switch (keyword)
            {
                case "type":
                    rule.Types = argument is JsonArray many ? [.. many.Select(type => type!.GetValue<string>())] : [argument!.GetValue<string>()];
                    break;
                case "enum":
                    rule.Enum = argument!.AsArray();
                    rule.StringEnum = rule.Enum.All(option => Text(option) is not null)
                        ? new HashSet<string>(rule.Enum.Select(option => Text(option)!), StringComparer.Ordinal)
                        : null;
                    break;
                case "pattern":
                    rule.Pattern = new Regex(argument!.GetValue<string>(), RegexOptions.CultureInvariant);
                    break;
                case "minLength":
                    rule.MinLength = argument!.GetValue<int>();
                    break;
                case "minimum":
                    rule.Minimum = argument!.GetValue<double>();
                    break;
                case "maximum":
                    rule.Maximum = argument!.GetValue<double>();
                    break;
                case "minItems":
                    rule.MinItems = argument!.GetValue<int>();
                    break;
                case "items":
                    rule.Items = Compile(argument);
                    break;
                case "required":
                    rule.Required = [.. argument!.AsArray().Select(name => name!.GetValue<string>())];
                    break;
                case "properties":
                    rule.Properties = argument!.AsObject().ToDictionary(pair => pair.Key, pair => Compile(pair.Value), StringComparer.Ordinal);
                    break;
                case "patternProperties":
                    rule.PatternProperties = [.. argument!.AsObject().Select(pair => (new Regex(pair.Key, RegexOptions.CultureInvariant), Compile(pair.Value ?? new JsonObject())))];
                    break;
                case "additionalProperties":
                    rule.AdditionalProperties = Compile(argument);
                    break;
                case "$ref" when argument!.GetValue<string>() is var reference && reference.StartsWith("#/", StringComparison.Ordinal):
                    rule.Reference = Reference(reference[1..]);
                    break;
                default:
                    rule.Unsure |= !Annotations.Contains(keyword);
                    break;
            }
        }

        return rule;
    }

    /// <summary>The rule a local <c>$ref</c> points at, compiled once (a recursive schema refers to itself).</summary>
    private Rule Reference(string pointer)
    {
        if (_references.TryGetValue(pointer, out var known))
        {
            return known;
        }

        var target = new Rule { Unsure = true };
        _references[pointer] = target;
        JsonNode? current = _schema;
        foreach (var segment in JsonPointerText.Segments(pointer))
        {
            current = current is JsonObject obj ? obj[segment] : null;
        }

        target.CopyFrom(Compile(current));
        return target;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

    /// <summary>One subschema, its keywords read once.</summary>
    private sealed class Rule
    {
        public bool Unsure { get; set; }

        public string[]? Types { get; set; }

        public JsonArray? Enum { get; set; }

        public HashSet<string>? StringEnum { get; set; }

        public Regex? Pattern { get; set; }

        public int? MinLength { get; set; }

        public double? Minimum { get; set; }

        public double? Maximum { get; set; }

        public int? MinItems { get; set; }

        public Rule? Items { get; set; }

        public string[]? Required { get; set; }

        public Dictionary<string, Rule>? Properties { get; set; }

        public (Regex Pattern, Rule Rule)[]? PatternProperties { get; set; }

        public Rule? AdditionalProperties { get; set; }

        public Rule? Reference { get; set; }

        public void CopyFrom(Rule other)
        {
            (Unsure, Types, Enum, StringEnum, Pattern, MinLength, Minimum, Maximum, MinItems) =
                (other.Unsure, other.Types, other.Enum, other.StringEnum, other.Pattern, other.MinLength, other.Minimum, other.Maximum, other.MinItems);
            (Items, Required, Properties, PatternProperties, AdditionalProperties, Reference) =
                (other.Items, other.Required, other.Properties, other.PatternProperties, other.AdditionalProperties, other.Reference);
        }

        public bool Accepts(JsonNode? instance, int depth)
        {
            if (Unsure || depth > MaxDepth)
            {
                return false;
            }

            var text = Text(instance);
            if ((Types is not null && !Types.Any(type => Is(type, instance, text)))
                || (Enum is not null && !(StringEnum is not null ? text is not null && StringEnum.Contains(text) : Enum.Any(option => JsonNode.DeepEquals(option, instance))))
                || (text is not null && ((Pattern is not null && !Pattern.IsMatch(text)) || (MinLength is { } length && text.Length < length)))
                || ((Minimum is not null || Maximum is not null) && Number(instance) is { } number && (number < Minimum || number > Maximum))
                || (Reference is not null && !Reference.Accepts(instance, depth + 1)))
            {
                return false;
            }

            return instance switch
            {
                JsonArray array => (MinItems is not { } min || array.Count >= min) && (Items is null || array.All(item => Items.Accepts(item, depth + 1))),
                JsonObject obj => AcceptsMembers(obj, depth),
                _ => true,
            };
        }

        private bool AcceptsMembers(JsonObject instance, int depth)
        {
            foreach (var name in Required ?? [])
            {
                if (!instance.ContainsKey(name))
                {
                    return false;
                }
            }

            foreach (var (name, value) in instance)
            {
                var matched = false;
                if (Properties is not null && Properties.TryGetValue(name, out var property))
                {
                    matched = true;
                    if (!property.Accepts(value, depth + 1))
                    {
                        return false;
                    }
                }

                foreach (var (pattern, rule) in PatternProperties ?? [])
                {
                    if (pattern.IsMatch(name))
                    {
                        matched = true;
                        if (!rule.Accepts(value, depth + 1))
                        {
                            return false;
                        }
                    }
                }

                if (!matched && AdditionalProperties is not null && !AdditionalProperties.Accepts(value, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Is(string type, JsonNode? instance, string? text) => type switch
        {
            "object" => instance is JsonObject,
            "array" => instance is JsonArray,
            "null" => instance is null,
            "string" => text is not null,
            "boolean" => instance is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => Number(instance) is not null,
            "integer" => Number(instance) is { } n && Math.Floor(n) == n,
            _ => false,
        };
    }
}
