namespace SpecCake.Http;

/// <summary>
/// The bottom of <see cref="ServiceHttp"/>'s stack, under whatever client sends (ours, Sentry's,
/// Octokit's): reads each answer's body within <see cref="ResponseLimits"/> while the attempt's
/// cancellation still applies, and hands it on as a <see cref="BoundedContent"/>; turns a 3xx into
/// <see cref="RedirectNotFollowedException"/> (so no SDK above can follow it either), a connect
/// timeout into a connection error that says so, and every other network failure into an
/// <see cref="HttpRequestException"/> of the same <see cref="HttpRequestError"/> whose message says
/// what happened (<see cref="NetworkFailure"/>): every client above reports that message.
/// </summary>
internal sealed class BoundedResponseHandler(HttpMessageHandler inner, ResponseLimits limits, TimeSpan connectTimeout) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException timeout) when (timeout.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // SocketsHttpHandler reports its ConnectTimeout as a cancellation; nothing was sent.
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                $"no connection to {NetworkFailure.Endpoint(request.RequestUri)} within {HttpResilience.Describe(connectTimeout)}",
                timeout);
        }
        catch (HttpRequestException failure)
        {
            throw new HttpRequestException(failure.HttpRequestError, NetworkFailure.Describe(failure, NetworkFailure.Endpoint(request.RequestUri)), failure, failure.StatusCode);
        }

        try
        {
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                var location = response.Headers.Location is { } target && request.RequestUri is { } from && !target.IsAbsoluteUri
                    ? new Uri(from, target)
                    : response.Headers.Location;
                throw new RedirectNotFollowedException(response.StatusCode, response.ReasonPhrase, location);
            }

            var success = status is >= 200 and < 300;
            var limit = success ? limits.SuccessBodyBytes : limits.ErrorBodyBytes;
            var failWhenLarger = success && limits.FailWhenSuccessIsLarger;
            if (failWhenLarger && response.Content.Headers.ContentLength > limit)
            {
                throw new ResponseTooLargeException(limit);
            }

            byte[] body;
            bool truncated;
            try
            {
                (body, truncated) = await ReadAtMostAsync(response.Content, limit, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is IOException or HttpRequestException)
            {
                // The connection ended while the answer was read: a network failure like any other.
                var error = (failure as HttpIOException)?.HttpRequestError ?? (failure as HttpRequestException)?.HttpRequestError ?? HttpRequestError.Unknown;
                throw new HttpRequestException(error, NetworkFailure.Describe(failure, NetworkFailure.Endpoint(request.RequestUri), answering: true), failure);
            }

            if (truncated && failWhenLarger)
            {
                throw new ResponseTooLargeException(limit);
            }

            var bounded = new BoundedContent(body, truncated);
            foreach (var header in response.Content.Headers)
            {
                // The body's length and encoding are the new content's own.
                if (header.Key is not ("Content-Length" or "Content-Encoding"))
                {
                    bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            response.Content.Dispose();
            response.Content = bounded;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<(byte[] Body, bool Truncated)> ReadAtMostAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return ([], false);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var kept = new MemoryStream();
            var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
            while (kept.Length <= limit)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit + 1 - kept.Length)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (kept.ToArray(), false);
                }

                kept.Write(buffer, 0, read);
            }

            // One byte more than the limit proves there is more; the rest is never read.
            return (kept.GetBuffer().AsSpan(0, limit).ToArray(), true);
        }
    }
}
