using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Events;

namespace SpecCake.Configuration;

/// <summary>
/// Reads one value of the validated, interpolated config tree into what an option record holds.
/// The schema has already checked every type, so a value of another type reads as absent (the
/// record's default).
/// </summary>
internal static class ConfigValues
{
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Fields users write as 21 as often as "21" (the schema accepts both); the options hold text.</summary>
    public static string? TextOrNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : Text(node);

    public static bool? Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    public static int? Int(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && long.TryParse(value.ToJsonString(), out var whole) && whole is >= int.MinValue and <= int.MaxValue
            ? (int)whole
            : null;

    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static string[]? Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>().ToArray() : null;

    public static Dictionary<string, string> Map(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (Text(value) is { } text)
                {
                    map[key] = text;
                }
            }
        }

        return map;
    }

    // A loop rather than LINQ: generic code over an enum cannot be precompiled (ReadyToRun), and
    // JIT-compiling LINQ's iterators for it cost start-up time on every run.
    public static SpecEventKind[] Events(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return [];
        }

        var kinds = new SpecEventKind[array.Count];
        var count = 0;
        foreach (var item in array)
        {
            if (SpecEventKinds.TryParse(Text(item), out var kind))
            {
                kinds[count++] = kind.Value;
            }
        }

        if (count == kinds.Length)
        {
            return kinds;
        }

        var known = new SpecEventKind[count];
        Array.Copy(kinds, known, count);
        return known;
    }
}
