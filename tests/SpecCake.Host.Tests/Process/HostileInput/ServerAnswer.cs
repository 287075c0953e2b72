using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpecCake.Host.Tests.Process.HostileInput;

/// <summary>What a hostile (or merely odd) service answers every request with.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The body; repeated without end when <paramref name="Endless"/>.</param>
/// <param name="Headers">Extra response headers.</param>
/// <param name="Endless">Whether the body never ends (chunked, until the client hangs up or 1 GiB is sent).</param>
public sealed record ServerAnswer(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, bool Endless = false);

/// <summary>
/// A bare HTTP/1.1 server on 127.0.0.1 that reads each request and gives the same answer, byte for
/// byte as written (no framework in between to tidy a hostile answer up).
/// </summary>
public sealed class LoopbackAnswerServer : IDisposable
{
    private readonly ServerAnswer _answer;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    public LoopbackAnswerServer(ServerAnswer answer)
    {
        _answer = answer;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Url { get; }

    /// <summary>How many requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                while (await ReadRequestAsync(stream))
                {
                    Interlocked.Increment(ref _requests);
                    await WriteAnswerAsync(stream);
                    if (_answer.Endless)
                    {
                        return;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client hung up (as it should on an endless body).
            }
        }
    }

    /// <summary>Reads one request (headers and a Content-Length body); false when the connection closed first.</summary>
    private async Task<bool> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return false;
            }

            head.Add(one[0]);
        }

        var length = 0;
        foreach (var line in Encoding.ASCII.GetString([.. head]).Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return true;
    }

    private async Task WriteAnswerAsync(NetworkStream stream)
    {
        var head = new StringBuilder($"HTTP/1.1 {_answer.Status} Answer\r\n");
        foreach (var (name, value) in _answer.Headers ?? new Dictionary<string, string>())
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        var body = Encoding.UTF8.GetBytes(_answer.Body);
        if (!_answer.Endless)
        {
            head.Append($"Content-Length: {body.Length}\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
            await stream.WriteAsync(body, _stop.Token);
            return;
        }

        head.Append("Transfer-Encoding: chunked\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
        var chunk = Encoding.ASCII.GetBytes($"{body.Length:x}\r\n").Concat(body).Concat("\r\n"u8.ToArray()).ToArray();
        for (long sent = 0; sent < 1L << 30 && body.Length > 0; sent += body.Length)
        {
            await stream.WriteAsync(chunk, _stop.Token);
        }
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
}
