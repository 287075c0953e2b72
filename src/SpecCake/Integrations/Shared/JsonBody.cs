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

    /// <summary>Cuts text to <paramref name="max"/> characters with an ellipsis, never splitting a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
