using System.Text.Json;

namespace SpecCake.Trackers;

/// <summary>Reads optional string properties of tracker answers, which omit or null what is unset.</summary>
internal static class JsonText
{
    public static string? Of(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
