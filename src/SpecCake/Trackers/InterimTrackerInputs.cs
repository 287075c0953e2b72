using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SpecCake.Configuration;
using SpecCake.Specs;
using YamlDotNet.RepresentationModel;

namespace SpecCake.Trackers;

/// <summary>
/// INTERIM, to be replaced by the Configuration/ and Specs/ loaders when they are merged: reads
/// <c>specs.config.yaml</c> and spec files just well enough for SyncTrackers to run (YAML to JSON to
/// the shared records, <c>${VAR}</c> interpolated). It does not validate against the schemas and
/// reports no line/column: a file it cannot read is skipped with a warning.
/// </summary>
internal static partial class InterimTrackerInputs
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static SpecCakeConfig LoadConfig(string path, IReadOnlyDictionary<string, string?> environment)
    {
        var node = ReadYaml(path, environment) ?? new JsonObject();
        return (node.Deserialize<SpecCakeConfig>(Json) ?? new SpecCakeConfig()) with { SourceFile = Path.GetFullPath(path) };
    }

    /// <summary>Reads one spec file; <paramref name="relativeFile"/> is its path from the repository root with forward slashes.</summary>
    public static Spec LoadSpec(string path, string relativeFile, IReadOnlyDictionary<string, string?> environment)
    {
        var node = ReadYaml(path, environment) as JsonObject
            ?? throw new InvalidDataException($"{relativeFile}: not a YAML mapping");
        node["file"] = relativeFile;
        if (node["acceptance_criteria"] is JsonArray criteria)
        {
            // A plain string is criterion AC-n by position (contract §4).
            for (var index = 0; index < criteria.Count; index++)
            {
                if (criteria[index] is JsonValue text)
                {
                    criteria[index] = new JsonObject
                    {
                        ["id"] = string.Create(CultureInfo.InvariantCulture, $"AC-{index + 1}"),
                        ["text"] = text.ToString(),
                    };
                }
            }
        }

        return node.Deserialize<Spec>(Json) ?? throw new InvalidDataException($"{relativeFile}: empty spec");
    }

    private static JsonNode? ReadYaml(string path, IReadOnlyDictionary<string, string?> environment)
    {
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return yaml.Documents.Count == 0 ? null : ToJson(yaml.Documents[0].RootNode, environment);
    }

    private static JsonNode? ToJson(YamlNode node, IReadOnlyDictionary<string, string?> environment) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? string.Empty, ToJson(pair.Value, environment)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(child => ToJson(child, environment))]),
        YamlScalarNode scalar => Scalar(scalar, environment),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar, IReadOnlyDictionary<string, string?> environment)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain)
        {
            if (value is "" or "~" or "null") return null;
            if (value is "true" or "false") return JsonValue.Create(value == "true");
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
        }

        return JsonValue.Create(Variable().Replace(value, match => environment.GetValueOrDefault(match.Groups[1].Value) ?? string.Empty));
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();
}
