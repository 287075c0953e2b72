using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpecCake.Tests.TestSupport;

/// <summary>
/// A hostile HTTP server on 127.0.0.1, on a plain socket so that its byte count is honest: it answers
/// every request with a status line, headers, and a body that never ends (no length: the body lasts
/// until the connection closes). <see cref="BytesWritten"/> counts what the kernel accepted, so it
/// stays within the socket buffers once the client stops reading; a client that reads the whole
/// body keeps it growing.
/// </summary>
public sealed class EndlessServer : IAsyncDisposable
{
    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly string head;
    private readonly byte[] prefix;
    private long written;
    private int requests;
    private Task accepting = Task.CompletedTask;

    private EndlessServer(int status, string reason, string contentType, string prefix)
    {
        head = string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nConnection: close\r\n\r\n");
        this.prefix = Encoding.UTF8.GetBytes(prefix);
    }

    /// <summary>Bytes of body the clients let the server push.</summary>
    public long BytesWritten => Interlocked.Read(ref written);

    /// <summary>Requests received.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>The base URL without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin { get; private set; } = string.Empty;

    /// <summary>An absolute URL on this server.</summary>
    public string Url(string path) => Origin + path;

    public static EndlessServer Start(int status, string reason, string contentType = "text/plain", string prefix = "")
    {
        var server = new EndlessServer(status, reason, contentType, prefix);
        server.listener.Start();
        server.Origin = $"http://127.0.0.1:{((IPEndPoint)server.listener.LocalEndpoint).Port}";
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
        var connections = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(stop.Token);
                connections.Add(ServeAsync(socket));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                await ReadHeadAsync(stream);
                Interlocked.Increment(ref requests);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
                await stream.WriteAsync(prefix, stop.Token);
                while (!stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(Chunk, stop.Token);
                    Interlocked.Add(ref written, Chunk.Length);
                }
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up (or the test ended): the point of the exercise.
            }
        }
    }

    /// <summary>Reads up to the blank line that ends the request head; a small body that follows is left in the socket.</summary>
    private async Task ReadHeadAsync(Stream stream)
    {
        var seen = new List<byte>();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer, stop.Token) == 1)
        {
            seen.Add(buffer[0]);
            if (seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n')
            {
                return;
            }
        }
    }
}
