using System.Text.Json;
using SpecCake.Events;

namespace SpecCake.Integrations;

/// <summary>A JSON request body written by hand, so field order and bytes are fixed (and dry-run shows them as sent).</summary>
internal static class JsonBody
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, SpecEventPayload.WriterOptions))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes a string property unless the value is null.</summary>
    public static void StringIfPresent(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
