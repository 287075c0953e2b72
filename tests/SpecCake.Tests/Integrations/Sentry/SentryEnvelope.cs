using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.Sentry;

/// <summary>Reads a Sentry envelope as a loopback server received it.</summary>
internal static class SentryEnvelope
{
    /// <summary>The event item of an envelope as the server received it (gzip-decoded when the SDK compressed it).</summary>
    public static JsonNode EventOf(RecordedRequest request)
    {
        var bytes = request.BodyBytes;
        if (request.Headers.TryGetValue("Content-Encoding", out var encoding) && encoding.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            bytes = plain.ToArray();
        }

        // Envelope: a header line, then per item a header line and its payload line.
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        for (var i = 1; i < lines.Length - 1; i++)
        {
            if (JsonNode.Parse(lines[i]) is JsonObject header && (string?)header["type"] == "event")
            {
                return JsonNode.Parse(lines[i + 1])!;
            }
        }

        throw new InvalidOperationException("no event item in the envelope:\n" + string.Join("\n", lines));
    }
}
