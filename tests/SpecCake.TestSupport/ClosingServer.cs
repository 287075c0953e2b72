using System.Net.Sockets;
using System.Text;

namespace SpecCake.TestSupport;

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
public sealed class ClosingServer : RawSocketServer
{
    private readonly ClosingKind _kind;
    private int _connections;

    private ClosingServer(ClosingKind kind) => this._kind = kind;

    /// <summary>Connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public static ClosingServer Start(ClosingKind kind = ClosingKind.Close)
    {
        var server = new ClosingServer(kind);
        server.Listen();
        return server;
    }

    protected override async Task ServeAsync(Socket socket)
    {
        Interlocked.Increment(ref _connections);

        // The request's head (and a small body) arrives in one read on loopback.
        await socket.ReceiveAsync(new byte[64 * 1024], SocketFlags.None, Stop.Token);
        switch (_kind)
        {
            case ClosingKind.Reset:
                socket.LingerState = new LingerOption(true, 0);
                break;
            case ClosingKind.CloseMidAnswer:
                await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a"), SocketFlags.None, Stop.Token);
                break;
        }

        socket.Close();
    }
}
