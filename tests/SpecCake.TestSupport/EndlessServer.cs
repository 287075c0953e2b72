using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SpecCake.TestSupport;

/// <summary>
/// A hostile HTTP server on 127.0.0.1, on a plain socket so that its byte count is honest: it answers
/// every request with a status line, headers, and a body that never ends (no length: the body lasts
/// until the connection closes). <see cref="BytesWritten"/> counts what the kernel accepted, so it
/// stays within the socket buffers once the client stops reading; a client that reads the whole
/// body keeps it growing.
/// </summary>
public sealed class EndlessServer : RawSocketServer
{
    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));

    private readonly string _head;
    private readonly byte[] _prefix;
    private long _written;
    private int _requests;

    private EndlessServer(int status, string reason, string contentType, string prefix)
    {
        _head = string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nConnection: close\r\n\r\n");
        this._prefix = Encoding.UTF8.GetBytes(prefix);
    }

    /// <summary>Bytes of body the clients let the server push.</summary>
    public long BytesWritten => Interlocked.Read(ref _written);

    /// <summary>Requests received.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static EndlessServer Start(int status, string reason, string contentType = "text/plain", string prefix = "")
    {
        var server = new EndlessServer(status, reason, contentType, prefix);
        server.Listen();
        return server;
    }

    protected override async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await ReadHeadAsync(stream);
        Interlocked.Increment(ref _requests);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(_head), Stop.Token);
        await stream.WriteAsync(_prefix, Stop.Token);
        while (!Stop.IsCancellationRequested)
        {
            await stream.WriteAsync(Chunk, Stop.Token);
            Interlocked.Add(ref _written, Chunk.Length);
        }
    }

    /// <summary>Reads up to the blank line that ends the request head; a small body that follows is left in the socket.</summary>
    private async Task ReadHeadAsync(Stream stream)
    {
        var seen = new List<byte>();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer, Stop.Token) == 1)
        {
            seen.Add(buffer[0]);
            if (seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n')
            {
                return;
            }
        }
    }
}
