using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpecCake.Tests.TestSupport;

/// <summary>How <see cref="ClosingServer"/> ends each connection.</summary>
public enum ClosingKind
{
    /// <summary>Reads the request, then closes the connection without a word (a FIN).</summary>
    Close,

    /// <summary>Reads the request, then resets the connection (an RST: SO_LINGER 0).</summary>
    Reset,

    /// <summary>Answers <c>200</c> with a length of 1,000 bytes, sends 3 of them, then closes.</summary>
    CloseMidAnswer,
}

/// <summary>
/// A server on 127.0.0.1 that accepts every connection and ends it without an HTTP answer, on a
/// plain socket (a crashed service, a proxy or load balancer dropping the request): what the person
/// reading SpecCake's log must be told in words, on every kind of host.
/// </summary>
public sealed class ClosingServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ClosingKind kind;
    private int connections;
    private Task accepting = Task.CompletedTask;

    private ClosingServer(ClosingKind kind) => this.kind = kind;

    /// <summary>Connections accepted.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>The base URL without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin { get; private set; } = string.Empty;

    /// <summary><c>127.0.0.1:port</c>, as failures name it.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>An absolute URL on this server.</summary>
    public string Url(string path) => Origin + path;

    public static ClosingServer Start(ClosingKind kind = ClosingKind.Close)
    {
        var server = new ClosingServer(kind);
        server.listener.Start();
        server.Endpoint = $"127.0.0.1:{((IPEndPoint)server.listener.LocalEndpoint).Port}";
        server.Origin = "http://" + server.Endpoint;
        server.accepting = server.AcceptAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting.ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            _ = EndAsync(socket);
        }
    }

    private async Task EndAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                // The request's head (and a small body) arrives in one read on loopback.
                await socket.ReceiveAsync(new byte[64 * 1024], SocketFlags.None, stop.Token).ConfigureAwait(false);
                switch (kind)
                {
                    case ClosingKind.Reset:
                        socket.LingerState = new LingerOption(true, 0);
                        break;
                    case ClosingKind.CloseMidAnswer:
                        await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a"), SocketFlags.None, stop.Token).ConfigureAwait(false);
                        break;
                }

                socket.Close();
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went first, or the server is stopping.
            }
        }
    }
}
