using System.Net;

namespace SpecCake.Http;

/// <summary>
/// The one HTTP stack every integration talks through: the notifiers, the trackers, the Sentry
/// SDK's transport and Octokit. <see cref="System.Net.Http.HttpClient"/> over
/// <see cref="SocketsHttpHandler"/>, configured here once: redirects are never followed (a 3xx is a
/// failure that says where it pointed), a connect that does not complete within
/// <see cref="RetryPolicy.ConnectTimeout"/> fails as a connection error, and answers are read only
/// as far as <see cref="ResponseLimits"/> allow. Timeouts per attempt, the total budget and retries
/// are the caller's <see cref="HttpResilience"/> pipeline.
/// </summary>
/// <remarks>
/// Why HttpClient rather than Flurl.Http: the notifiers were already on it, Flurl's JSON layer is
/// reflection-based (not trim or NativeAOT safe), and one stack is one set of defaults to get right.
/// </remarks>
internal static class ServiceHttp
{
    /// <summary>The User-Agent of every request: <c>SpecCake/&lt;version&gt;</c>.</summary>
    public static string UserAgent { get; } = "SpecCake/" + (typeof(ServiceHttp).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");

    /// <summary>A client over a fresh <see cref="CreateHandler"/>; no timeout of its own (the pipeline times attempts).</summary>
    /// <param name="limits">How much of an answer is read.</param>
    /// <param name="connectTimeout">How long a TCP connect plus TLS handshake may take.</param>
    public static HttpClient CreateClient(ResponseLimits limits, TimeSpan connectTimeout)
    {
        var client = new HttpClient(CreateHandler(limits, connectTimeout), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }

    /// <summary>
    /// The handler stack, for an SDK that builds its own <see cref="HttpClient"/> (Sentry, Octokit):
    /// <see cref="BoundedResponseHandler"/> over a <see cref="SocketsHttpHandler"/> that follows no redirect.
    /// </summary>
    /// <param name="limits">How much of an answer is read.</param>
    /// <param name="connectTimeout">How long a TCP connect plus TLS handshake may take.</param>
    public static HttpMessageHandler CreateHandler(ResponseLimits limits, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var sockets = new SocketsHttpHandler
        {
            // A redirect would re-send the body (and the credentials) to wherever a proxy or a
            // misconfigured service points: BoundedResponseHandler reports it instead.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),

            // An answer left unread is drained this far to keep the connection, then the connection is dropped.
            MaxResponseDrainSize = 64 * 1024,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
            MaxResponseHeadersLength = 64,
        };
        return new BoundedResponseHandler(sockets, limits, connectTimeout);
    }
}
