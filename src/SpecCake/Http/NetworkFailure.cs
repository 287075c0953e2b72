using System.Net.Sockets;
using System.Security.Authentication;

namespace SpecCake.Http;

/// <summary>
/// What went wrong on the way to a service, in words a person can act on: the connection was
/// refused, reset or closed, timed out, TLS failed, the name did not resolve. Said from what the
/// failure is (its <see cref="HttpRequestError"/>, the socket's <see cref="SocketError"/>, the
/// exception types on its chain), never from the runtime's message: that one is generic ("An error
/// occurred while sending the request.") and, in a host trimmed with <c>UseSystemResourceKeys</c>,
/// only a resource key such as <c>net_http_client_execution_error</c>.
/// </summary>
internal static class NetworkFailure
{
    /// <summary>
    /// The failure as one sentence naming <paramref name="endpoint"/>, e.g.
    /// <c>127.0.0.1:8080 closed the connection without answering</c>.
    /// </summary>
    /// <param name="failure">What the HTTP stack, the SMTP client or a socket threw.</param>
    /// <param name="endpoint">Where the connection went: <c>host:port</c>.</param>
    /// <param name="answering">Whether the service had begun its answer (the failure came while its body was read).</param>
    public static string Describe(Exception failure, string endpoint, bool answering = false)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var error = Find<HttpRequestException>(failure)?.HttpRequestError ?? Find<HttpIOException>(failure)?.HttpRequestError ?? HttpRequestError.Unknown;
        var socket = Find<SocketException>(failure)?.SocketErrorCode;
        var host = HostOf(endpoint);

        if (error == HttpRequestError.NameResolutionError || socket is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData)
        {
            return $"the name {host} did not resolve (no such host, or no DNS answer)";
        }

        if (error == HttpRequestError.SecureConnectionError || (Find<AuthenticationException>(failure) is not null && socket is null))
        {
            return $"the TLS handshake with {endpoint} failed: " + (socket is { } code && IsReset(code)
                ? "the server reset the connection"
                : Find<AuthenticationException>(failure) is not null
                    ? "the server's certificate was not accepted, or it does not speak TLS on that port"
                    : "the server closed the connection");
        }

        switch (socket)
        {
            case SocketError.ConnectionRefused:
                return $"{endpoint} refused the connection (nothing listens on that port)";
            case SocketError.TimedOut:
                return $"the connection to {endpoint} timed out";
            case SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown:
                return $"{endpoint} is unreachable (no route to it)";
            case { } code when IsReset(code):
                return $"{endpoint} reset the connection" + (answering ? " in the middle of its answer" : string.Empty);
        }

        return error switch
        {
            HttpRequestError.ResponseEnded => answering
                ? $"{endpoint} closed the connection in the middle of its answer"
                : $"{endpoint} closed the connection without answering",
            HttpRequestError.InvalidResponse => $"{endpoint} answered with something that is not HTTP",
            HttpRequestError.HttpProtocolError => $"{endpoint} broke the HTTP protocol (a malformed or aborted HTTP/2 answer)",
            HttpRequestError.ConfigurationLimitExceeded => $"{endpoint} answered with headers larger than SpecCake reads",
            HttpRequestError.ProxyTunnelError => $"the proxy would not open a tunnel to {endpoint}",
            HttpRequestError.UserAuthenticationError => $"the proxy or {endpoint} asked for credentials SpecCake does not have",
            HttpRequestError.VersionNegotiationError => $"{endpoint} does not speak the HTTP version asked for",
            HttpRequestError.ConnectionError => $"no connection to {endpoint} could be made" + (socket is { } other ? $" ({other})" : string.Empty),
            _ when socket is { } other => $"the connection to {endpoint} failed ({other})",
            _ when Find<IOException>(failure) is not null => $"{endpoint} closed the connection" + (answering ? " in the middle of its answer" : string.Empty),
            _ => $"the request to {endpoint} failed ({failure.GetType().Name})",
        };
    }

    /// <summary><c>host:port</c> of a request's address (no user information, path or query: those may hold secrets).</summary>
    public static string Endpoint(Uri? address) => address is null ? "the service" : $"{address.Host}:{address.Port}";

    private static bool IsReset(SocketError code) =>
        code is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.OperationAborted;

    private static string HostOf(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && !endpoint.EndsWith(']') ? endpoint[..colon] : endpoint;
    }

    private static T? Find<T>(Exception failure)
        where T : Exception
    {
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
