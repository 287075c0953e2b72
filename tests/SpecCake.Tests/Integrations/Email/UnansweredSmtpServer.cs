using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpecCake.Tests.Integrations.Email;

/// <summary>
/// An SMTP server on 127.0.0.1 that takes the whole message and then never says whether it took
/// it: the reply to the final <c>.</c> never comes. What a client does next decides whether the
/// recipient gets the message twice. <see cref="MessagesReceived"/> counts the messages it took.
/// </summary>
internal sealed class UnansweredSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _messages;
    private Task _accepting = Task.CompletedTask;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int MessagesReceived => Volatile.Read(ref _messages);

    public static UnansweredSmtpServer Start()
    {
        var server = new UnansweredSmtpServer();
        server._listener.Start();
        server._accepting = server.AcceptAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
            {
                sessions.Add(ServeAsync(await _listener.AcceptTcpClientAsync(_stop.Token)));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 localhost ESMTP");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var command = line.Split(' ')[0].ToUpperInvariant();
                    if (command is "EHLO" or "HELO")
                    {
                        await writer.WriteLineAsync("250 localhost");
                    }
                    else if (command == "DATA")
                    {
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                        }

                        Interlocked.Increment(ref _messages);

                        // The message is taken; the 250 that would say so never comes.
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                    }
                    else
                    {
                        await writer.WriteLineAsync(command == "QUIT" ? "221 bye" : "250 ok");
                    }
                }
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
