using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flurl.Http;
using Polly;
using Polly.Timeout;
using SpecCake.Configuration;
using SpecCake.Delivery;

namespace SpecCake.Trackers;

/// <summary>
/// One tracker's HTTP client: Flurl with the shared retry pipeline, the tracker's authorization,
/// JSON in and out, and errors turned into <see cref="TrackerException"/>s with secrets masked.
/// </summary>
internal sealed class TrackerHttp : IDisposable
{
    private const int ErrorExcerpt = 500;

    private readonly string label;
    private readonly IReadOnlyDictionary<string, string> headers;
    private readonly SecretMasker mask;
    private readonly IFlurlClient client;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> createPipeline;

    public TrackerHttp(string label, IReadOnlyDictionary<string, string> headers, SecretMasker mask, TrackerSyncOptions options)
    {
        this.label = label;
        this.headers = headers;
        this.mask = mask;
        client = new FlurlClient().AllowAnyHttpStatus().WithSettings(settings => settings.Timeout = null);
        pipeline = HttpResilience.Create(options.RetryPolicy, options.TimeProvider);
        createPipeline = HttpResilience.Create(options.RetryPolicy, options.TimeProvider, isTransient: HttpResilience.IsRefused);
    }

    /// <summary>
    /// Sends a request and returns its JSON body (null when empty). With <paramref name="creates"/>, only
    /// answers that prove nothing was created (408, 429) are retried: retrying a create after a 5xx or a
    /// lost connection could make a duplicate, so that failure is reported as maybe-created instead.
    /// </summary>
    public async Task<JsonElement?> SendAsync(
        HttpMethod method,
        string url,
        JsonNode? body,
        CancellationToken cancellationToken,
        string contentType = "application/json",
        bool creates = false)
    {
        var payload = body?.ToJsonString();
        HttpResponseMessage response;
        try
        {
            response = await (creates ? createPipeline : pipeline).ExecuteAsync(
                async token => await SendOnceAsync(method, url, payload, contentType, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            throw new TrackerException(mask.Apply($"{label}: {method} {PathOf(url)} could not be completed: {ex.Message}"), creates);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var excerpt = text.Length > ErrorExcerpt ? text[..ErrorExcerpt] + "…" : text;
                throw new TrackerException(
                    mask.Apply($"{label}: {method} {PathOf(url)} answered {(int)response.StatusCode} {response.ReasonPhrase}: {excerpt}".TrimEnd(' ', ':')),
                    creates && (int)response.StatusCode >= 500);
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                using var json = JsonDocument.Parse(text);
                return json.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new TrackerException(mask.Apply($"{label}: {method} {PathOf(url)} answered with a body that is not JSON"));
            }
        }
    }

    /// <summary>Posts a GraphQL operation and returns its <c>data</c>; GraphQL <c>errors</c> become a <see cref="TrackerException"/>.</summary>
    public async Task<JsonElement> GraphQLAsync(string url, string query, JsonObject variables, CancellationToken cancellationToken, bool creates = false)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables };
        var result = await SendAsync(HttpMethod.Post, url, body, cancellationToken, creates: creates).ConfigureAwait(false)
            ?? throw new TrackerException($"{label}: the GraphQL API answered with an empty body");
        if (result.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var messages = errors.EnumerateArray()
                .Select(error => error.TryGetProperty("message", out var message) ? message.GetString() : error.ToString());
            throw new TrackerException(mask.Apply($"{label}: {string.Join("; ", messages)}"));
        }

        return result.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data
            : throw new TrackerException($"{label}: the GraphQL API answered without data");
    }

    public void Dispose() => client.Dispose();

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string url, string? payload, string contentType, CancellationToken token)
    {
        var request = client.Request(url).WithHeaders(headers);
        using var content = payload is null ? null : new StringContent(payload, Encoding.UTF8);
        if (content is not null)
        {
            // StringContent would add "; charset=utf-8" to a media type such as application/json-patch+json.
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        try
        {
            var response = await request.SendAsync(method, content, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            return response.ResponseMessage;
        }
        catch (FlurlHttpException ex) when (ex.InnerException is HttpRequestException inner)
        {
            // The pipeline retries network failures by their own type, not Flurl's wrapper.
            throw new HttpRequestException(inner.Message, inner, inner.StatusCode);
        }
        catch (FlurlHttpException ex)
        {
            throw new HttpRequestException(ex.Message, ex);
        }
    }

    private static string PathOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
}
