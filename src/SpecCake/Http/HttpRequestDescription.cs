using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SpecCake.Configuration;

namespace SpecCake.Http;

/// <summary>
/// An HTTP request as data: built once, turned into a fresh <see cref="HttpRequestMessage"/> for
/// every attempt (a message cannot be sent twice) and printed for <c>--dryrun</c>. The body bytes
/// are exactly what is sent and signed.
/// </summary>
public sealed record HttpRequestDescription
{
    /// <summary>Creates a request.</summary>
    /// <param name="method">The method.</param>
    /// <param name="url">The absolute URL.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="contentType">The body's media type.</param>
    /// <param name="headers">Extra headers, in order.</param>
    public HttpRequestDescription(HttpMethod method, Uri url, ReadOnlyMemory<byte> body, string contentType = "application/json", IReadOnlyList<HttpHeader>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The URL must be absolute.", nameof(url));
        }

        Method = method;
        Url = url;
        Body = body;
        ContentType = contentType;
        Headers = headers ?? [];
    }

    /// <summary>The method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The absolute URL.</summary>
    public Uri Url { get; }

    /// <summary>The body bytes, exactly as sent.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body's media type (sent as <c>Content-Type</c>, UTF-8 for JSON and text).</summary>
    public string ContentType { get; }

    /// <summary>Extra headers.</summary>
    public IReadOnlyList<HttpHeader> Headers { get; }

    /// <summary>A JSON POST.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="json">The UTF-8 JSON bytes.</param>
    /// <param name="headers">Extra headers.</param>
    public static HttpRequestDescription PostJson(Uri url, byte[] json, IReadOnlyList<HttpHeader>? headers = null) =>
        new(HttpMethod.Post, url, json, "application/json", headers);

    /// <summary>A new message for one attempt.</summary>
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        if (!Body.IsEmpty || Method != HttpMethod.Get)
        {
            var content = new ReadOnlyMemoryContent(Body);
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
            message.Content = content;
        }

        foreach (var header in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(header.Name, header.Value))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
        }

        return message;
    }

    /// <summary>
    /// The request as people read it (<c>--dryrun</c>): <c>POST url</c>, the headers (secret ones as
    /// <c>***</c>), a blank line, the body, a JSON body indented. A secret that is not set shows as its
    /// placeholder. URLs and other registered secrets are masked by the engine, not here. What is sent
    /// is <see cref="Body"/>, compact, whatever this prints.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method.Method).Append(' ').Append(NotSet.Describe(Url)).Append('\n');
        text.Append("Content-Type: ").Append(ContentType).Append('\n');
        foreach (var header in Headers)
        {
            text.Append(header.Name).Append(": ").Append(header.IsSecret && !NotSet.IsIn(header.Value) ? SecretMasker.Mask : header.Value).Append('\n');
        }

        text.Append('\n').Append(ReadableBody());
        return text.ToString();
    }

    /// <summary>
    /// The body as text. JSON is indented two spaces a level, its strings as people read them:
    /// emoji and accents as they are, only what could break or disguise a line escaped (control,
    /// format and bidirectional characters, line separators), quotes and backslashes as JSON needs.
    /// </summary>
    private string ReadableBody()
    {
        if (Body.IsEmpty || !ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(Body.Span);
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            var text = new StringBuilder(Body.Length * 2);
            AppendIndented(text, document.RootElement, 0);
            return text.ToString();
        }
        catch (JsonException)
        {
            // Not JSON after all: shown as sent.
            return Encoding.UTF8.GetString(Body.Span);
        }
    }

    private static void AppendIndented(StringBuilder text, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                AppendContainer(text, '{', '}', element.EnumerateObject().Select(property => ((string?)property.Name, property.Value)), depth);
                break;
            case JsonValueKind.Array:
                AppendContainer(text, '[', ']', element.EnumerateArray().Select(item => ((string?)null, item)), depth);
                break;
            case JsonValueKind.String:
                AppendString(text, element.GetString()!);
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }

    private static void AppendContainer(StringBuilder text, char open, char close, IEnumerable<(string? Name, JsonElement Value)> members, int depth)
    {
        text.Append(open);
        var first = true;
        foreach (var (name, value) in members)
        {
            text.Append(first ? "\n" : ",\n").Append(' ', (depth + 1) * 2);
            first = false;
            if (name is not null)
            {
                AppendString(text, name);
                text.Append(": ");
            }

            AppendIndented(text, value, depth + 1);
        }

        if (!first)
        {
            text.Append('\n').Append(' ', depth * 2);
        }

        text.Append(close);
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            var escaped = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                // Joiners hold emoji together; other invisible characters could disguise what a line says.
                '\u200C' or '\u200D' => null,
                _ when char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (escaped is null)
            {
                text.Append(c);
            }
            else
            {
                text.Append(escaped);
            }
        }

        text.Append('"');
    }
}

/// <summary>One request header.</summary>
/// <param name="Name">The name.</param>
/// <param name="Value">The value.</param>
/// <param name="IsSecret">Whether the value is a credential (printed as <c>***</c>).</param>
public sealed record HttpHeader(string Name, string Value, bool IsSecret = false)
{
    /// <summary>
    /// Whether a header name usually carries a credential: <c>Authorization</c> and names with
    /// token, key, secret, auth, password, cookie or session in them.
    /// </summary>
    /// <param name="name">The header name.</param>
    public static bool IsCredentialName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string[] markers = ["authorization", "token", "key", "secret", "auth", "password", "cookie", "session"];
        return markers.Any(marker => name.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }
}
