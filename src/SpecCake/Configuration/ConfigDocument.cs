using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// <c>specs.config.yaml</c> as a JSON tree while it is checked: reads values by pointer and
/// records errors at the line and column the user wrote them.
/// </summary>
internal sealed class ConfigDocument(string file, YamlJsonDocument document, List<ValidationError> errors)
{
    public string File { get; } = file;

    public JsonObject Root { get; } = document.Root as JsonObject ?? [];

    public SourceMap Map => document.Map;

    public List<ValidationError> Errors { get; } = errors;

    public void ErrorAt(string pointer, string message)
    {
        var at = Map.ValueAt(pointer);
        Errors.Add(new ValidationError(File, at.Line, at.Column, message));
    }

    public JsonNode? Node(string pointer)
    {
        JsonNode? current = Root;
        foreach (var segment in JsonPointerText.Segments(pointer))
        {
            current = current switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
        }

        return current;
    }

    public string? String(string pointer) =>
        Node(pointer) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Integration blocks whose <c>enabled</c> is exactly <c>true</c>.</summary>
    public bool IsEnabled(string integration) =>
        Node($"/integrations/{integration}/enabled") is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    // An iterator rather than LINQ into tuples: LINQ's generic code over value tuples is not
    // precompiled (ReadyToRun) and JIT-compiling it cost start-up time on every run.
    public IEnumerable<(string Name, JsonObject Block)> Integrations()
    {
        if (Root["integrations"] is not JsonObject integrations)
        {
            yield break;
        }

        foreach (var (name, block) in integrations)
        {
            if (block is JsonObject obj)
            {
                yield return (name, obj);
            }
        }
    }
}
