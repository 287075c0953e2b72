using System.Text;
using System.Text.Json.Nodes;

namespace SpecCake.TestSupport;

/// <summary>One request as a <see cref="LoopbackServer"/> received it.</summary>
/// <param name="Path">The path, unescaped, without the query.</param>
/// <param name="Query">The query string, with its <c>?</c>, or empty.</param>
/// <param name="RawTarget">The request target exactly as sent (escapes kept).</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string ContentType,
    byte[] BodyBytes,
    string RawTarget,
    DateTimeOffset ReceivedAt)
{
    public string PathAndQuery => Path + Query;

    /// <summary>The body as UTF-8 text.</summary>
    public string Body => Encoding.UTF8.GetString(BodyBytes);

    public JsonNode Json => JsonNode.Parse(BodyBytes) ?? throw new InvalidOperationException("empty body");

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"no header {name}; got {string.Join(", ", Headers.Keys)}");

    public override string ToString() => $"{Method} {Path}{Query}";
}
