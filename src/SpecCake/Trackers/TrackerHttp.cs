using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Polly;
using Polly.Timeout;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Http;

namespace SpecCake.Trackers;

/// <summary>
/// One tracker's HTTP client: SpecCake's one HTTP stack (<see cref="ServiceHttp"/>: no redirects,
/// JSON answers read up to <see cref="ResponseLimits.JsonAnswerBytes"/>, the connect timeout) with
/// the shared retry pipeline, the tracker's authorization, JSON in and out, and errors turned into
/// <see cref="TrackerException"/>s with secrets masked.
/// </summary>
internal sealed partial class TrackerHttp : IDisposable
{
    private const int ErrorExcerpt = 500;

    private readonly string _label;
    private readonly IReadOnlyDictionary<string, string> _headers;
    private readonly SecretMasker _mask;
    private readonly TrackerSyncOptions _options;
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _createPipeline;
    private readonly bool _readOnly;

    /// <summary>Creates the client.</summary>
    /// <param name="label">The tracker's (or service's) config name, which starts every error.</param>
    /// <param name="headers">Headers of every request (authorization).</param>
    /// <param name="mask">Masks secrets in every message.</param>
    /// <param name="options">Retries, timeouts and the clock.</param>
    /// <param name="readOnly">
    /// Refuse, before anything is sent, every request but GET and HEAD and every GraphQL mutation:
    /// CheckIntegrations' clients are read-only by construction, not only by the checks' care.
    /// </param>
    public TrackerHttp(string label, IReadOnlyDictionary<string, string> headers, SecretMasker mask, TrackerSyncOptions options, bool readOnly = false)
    {
        this._label = label;
        this._readOnly = readOnly;
        this._headers = headers;
        this._mask = mask;
        this._options = options;
        _client = ServiceHttp.CreateClient(ResponseLimits.Json, options.RetryPolicy.ConnectTimeout);
        _pipeline = HttpResilience.Create(options.RetryPolicy, options.TimeProvider);
        _createPipeline = HttpResilience.Create(options.RetryPolicy, options.TimeProvider, isTransient: HttpResilience.IsRefusedOrNeverSent);
    }

    /// <summary>
    /// Sends a request and returns its JSON body (null when empty). With <paramref name="creates"/>, only
    /// answers that prove nothing was created (408, 429, a connection never made) are retried: retrying a
    /// create after a 5xx or a lost connection could make a duplicate, so that failure is reported as
    /// maybe-created instead.
    /// </summary>
    public Task<JsonElement?> SendAsync(
        HttpMethod method,
        string url,
        JsonNode? body,
        CancellationToken cancellationToken,
        string contentType = "application/json",
        bool creates = false) => SendCheckedAsync(method, url, body, cancellationToken, contentType, creates, readQuery: false);

    private async Task<JsonElement?> SendCheckedAsync(
        HttpMethod method,
        string url,
        JsonNode? body,
        CancellationToken cancellationToken,
        string contentType,
        bool creates,
        bool readQuery)
    {
        if (_readOnly && method != HttpMethod.Get && method != HttpMethod.Head && !readQuery)
        {
            throw new InvalidOperationException($"{_label}: {method} {PathOf(url)} refused: this client is read-only");
        }

        var payload = body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
        var request = $"{method} {PathOf(url)}";
        HttpResponseMessage response;
        try
        {
            response = await (creates ? _createPipeline : _pipeline).ExecuteAsync(
                async token => await SendOnceAsync(method, url, payload, contentType, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RedirectNotFollowedException redirect)
        {
            // A 303 after a POST is how some servers say "created, look there".
            throw new TrackerException(
                Fail($"{_label}: {request} answered {redirect.Answer}: redirects are not followed (they would re-send the request and its credentials elsewhere); point the base URL (base_url/api_url) at the address the service really answers on"),
                creates);
        }
        catch (ResponseTooLargeException tooLarge)
        {
            throw new TrackerException(Fail($"{_label}: {request} {tooLarge.Message}"), creates);
        }
        catch (HttpRequestException network)
        {
            throw new TrackerException(Fail($"{_label}: {request} could not be completed: {network.Message}"), creates && !HttpResilience.NeverConnected(network));
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new TrackerException(Fail($"{_label}: {request} could not be completed: no answer within {HttpResilience.Describe(timeout.Timeout)}"), creates);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = Encoding.UTF8.GetString(bytes).Trim();
                if (response.Content is BoundedContent { Truncated: true })
                {
                    text += "…";
                }

                var refusedWait = HttpResilience.DescribeRefusedWait(
                    await HttpResilience.ServerRequestedDelayAsync(response, _options.TimeProvider).ConfigureAwait(false), _options.RetryPolicy);
                var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
                var detail = string.Join(": ", new[] { refusedWait, _mask.Shorten(text, ErrorExcerpt) }.Where(part => !string.IsNullOrEmpty(part)));
                throw new TrackerException(
                    _mask.Apply($"{_label}: {request} answered {status}") + (detail.Length > 0 ? ": " + detail : string.Empty),
                    creates && (int)response.StatusCode >= 500)
                {
                    StatusCode = (int)response.StatusCode,
                };
            }

            if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
            {
                return null;
            }

            try
            {
                using var json = JsonDocument.Parse(bytes);
                return json.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new TrackerException(_mask.Apply($"{_label}: {request} answered with a body that is not JSON"));
            }
        }
    }

    /// <summary>Posts a GraphQL operation and returns its <c>data</c>; GraphQL <c>errors</c> become a <see cref="TrackerException"/>.</summary>
    public async Task<JsonElement> GraphQLAsync(string url, string query, JsonObject variables, CancellationToken cancellationToken, bool creates = false)
    {
        // GraphQL reads are POSTs too: a read-only client sends queries and refuses mutations.
        var isQuery = GraphQLOperation().Match(query) is { Success: true } match && (match.Groups[1].Value == "query" || match.Groups[2].Success);
        if (_readOnly && !isQuery)
        {
            throw new InvalidOperationException($"{_label}: a GraphQL operation other than a query refused: this client is read-only");
        }

        var body = new JsonObject { ["query"] = query, ["variables"] = variables };
        var result = await SendCheckedAsync(HttpMethod.Post, url, body, cancellationToken, "application/json", creates, readQuery: isQuery).ConfigureAwait(false)
            ?? throw new TrackerException($"{_label}: the GraphQL API answered with an empty body");
        if (result.ValueKind != JsonValueKind.Object)
        {
            // TryGetProperty throws on anything but an object; a proxy or a broken server may answer so.
            throw new TrackerException($"{_label}: the GraphQL API answered with something other than a JSON object");
        }

        if (result.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var messages = errors.EnumerateArray()
                .Select(error => error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) ? message.ToString() : error.ToString());
            throw new TrackerException(_mask.Shorten($"{_label}: {string.Join("; ", messages)}", ErrorExcerpt));
        }

        return result.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data
            : throw new TrackerException($"{_label}: the GraphQL API answered without data");
    }

    public void Dispose() => _client.Dispose();

    private string Fail(string message) => _mask.Shorten(message, ErrorExcerpt * 2);

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string url, byte[]? payload, string contentType, CancellationToken token)
    {
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (payload is not null)
        {
            // ByteArrayContent: no "; charset=utf-8" added to a media type such as application/json-patch+json.
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
    }

    private static string PathOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;

    // The operation type of a GraphQL document's first operation; anonymous "{ ... }" is a query.
    [GeneratedRegex(@"^\s*(?:(query|mutation|subscription)\b|(\{))")]
    private static partial Regex GraphQLOperation();
}
