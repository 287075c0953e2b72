using System.Net;
using System.Net.Sockets;

namespace SpecCake.TestSupport;

/// <summary>
/// A server on 127.0.0.1 on a plain socket, for answers Kestrel would never give (endless bodies,
/// dropped connections): listens from <see cref="Listen"/> until disposed and hands every accepted
/// connection to <see cref="ServeAsync"/>.
/// </summary>
public abstract class RawSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private Task _accepting = Task.CompletedTask;

    /// <summary>Cancelled when the server stops.</summary>
    protected CancellationTokenSource Stop { get; } = new();

    /// <summary><c>127.0.0.1:port</c>, as failures name it.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>The base URL without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin => "http://" + Endpoint;

    /// <summary>An absolute URL on this server.</summary>
    public string Url(string path) => Origin + path;

    public async ValueTask DisposeAsync()
    {
        await Stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        Stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts accepting connections.</summary>
    protected void Listen()
    {
        _listener.Start();
        Endpoint = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>Serves one connection; the socket is disposed afterwards. Exceptions of a hung-up client are the caller's to expect.</summary>
    protected abstract Task ServeAsync(Socket socket);

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!Stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(Stop.Token).ConfigureAwait(false);
                connections.Add(ServeAndCloseAsync(socket));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task ServeAndCloseAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await ServeAsync(socket).ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up, or the test ended.
            }
        }
    }
}
