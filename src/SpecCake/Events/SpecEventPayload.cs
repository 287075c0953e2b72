using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SpecCake.Specs;

namespace SpecCake.Events;

/// <summary>
/// The JSON payload of docs/design/contract.md#payload: <c>event</c>, <c>timestamp</c>
/// (UTC ISO-8601), <c>spec{id,title,file,status}</c>, <c>pr{number,url}</c>,
/// <c>repository{owner,name}</c>, plus optional <c>error</c>, <c>logs_url</c>, <c>branch</c>,
/// <c>reviewers</c>; <c>validation_failed</c> adds <c>errors</c> and <c>files</c>, a test message
/// <c>"test": true</c>. Written by hand so the key order and the bytes are fixed.
/// </summary>
public static class SpecEventPayload
{
    /// <summary>
    /// Writer options every JSON body of SpecCake uses: no HTML-oriented escaping (these bodies are
    /// never embedded in HTML), so dry-run output reads as the service receives it.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The UTF-8 JSON bytes (the exact bytes that are signed and sent).</summary>
    /// <param name="specEvent">The event.</param>
    public static byte[] Serialize(SpecEvent specEvent)
    {
        ArgumentNullException.ThrowIfNull(specEvent);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(json, specEvent);
        }

        return buffer.ToArray();
    }

    /// <summary>Formats a timestamp as the payload does: <c>2025-01-19T12:00:00Z</c>.</summary>
    /// <param name="timestamp">The time.</param>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The snake_case status name, as in the spec file.</summary>
    /// <param name="status">The status.</param>
    public static string StatusName(SpecStatus status) => status.ToString().ToLowerInvariant();

    private static void Write(Utf8JsonWriter json, SpecEvent specEvent)
    {
        json.WriteStartObject();
        json.WriteString("event", specEvent.Name);
        json.WriteString("timestamp", FormatTimestamp(specEvent.Timestamp));

        if (specEvent.Spec is { } spec)
        {
            json.WriteStartObject("spec");
            json.WriteString("id", spec.Id);
            json.WriteString("title", spec.Title);
            json.WriteString("file", spec.File);
            json.WriteString("status", StatusName(spec.Status));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("spec");
        }

        if (specEvent.PullRequest is { } pr)
        {
            json.WriteStartObject("pr");
            json.WriteNumber("number", pr.Number);
            WriteStringOrNull(json, "url", pr.Url);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("pr");
        }

        if (specEvent.Repository is { } repository)
        {
            json.WriteStartObject("repository");
            json.WriteString("owner", repository.Owner);
            json.WriteString("name", repository.Name);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("repository");
        }

        WriteIfPresent(json, "error", specEvent.Error);
        WriteIfPresent(json, "logs_url", specEvent.LogsUrl);
        WriteIfPresent(json, "branch", specEvent.Branch);
        if (specEvent.Reviewers.Count > 0)
        {
            json.WriteStartArray("reviewers");
            foreach (var reviewer in specEvent.Reviewers)
            {
                json.WriteStringValue(reviewer);
            }

            json.WriteEndArray();
        }

        if (specEvent.Kind == SpecEventKind.ValidationFailed && !specEvent.IsTest)
        {
            json.WriteStartArray("errors");
            foreach (var error in specEvent.ValidationErrors)
            {
                json.WriteStartObject();
                json.WriteString("file", error.File);
                json.WriteNumber("line", error.Line);
                json.WriteNumber("column", error.Column);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var file in specEvent.Files)
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
        }

        if (specEvent.IsTest)
        {
            json.WriteBoolean("test", true);
        }

        json.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
