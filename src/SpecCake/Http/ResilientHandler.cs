using Polly;

namespace SpecCake.Http;

/// <summary>
/// Runs every request of an SDK's own <see cref="HttpClient"/> (Octokit's) through an
/// <see cref="HttpResilience"/> pipeline, so its calls get the same retries, attempt timeout and
/// total budget as SpecCake's own. A request is repeated as it was, body included; a POST (a
/// create: a pull request, a comment) only when it certainly did not arrive, as trackers' creates.
/// </summary>
internal sealed class ResilientHandler(HttpMessageHandler inner, RetryPolicy policy, TimeProvider timeProvider) : DelegatingHandler(inner)
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = HttpResilience.Create(policy, timeProvider);
    private readonly ResiliencePipeline<HttpResponseMessage> _createPipeline =
        HttpResilience.Create(policy, timeProvider, isTransient: HttpResilience.IsRefusedOrNeverSent);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A message can be sent once: each attempt sends a copy with the same bytes.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return await (request.Method == HttpMethod.Post ? _createPipeline : _pipeline).ExecuteAsync(
            async token =>
            {
                using var attempt = Copy(request, body);
                return await base.SendAsync(attempt, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }
}
