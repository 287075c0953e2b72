using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SpecCake.Tests.Integrations.Email;

/// <summary>
/// A real SMTP server (SmtpServer package) on 127.0.0.1: optional STARTTLS with a certificate made
/// here, optional required authentication; records every message with how its session looked.
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private readonly ConcurrentQueue<string> _commands = new();
    private Task _running = Task.CompletedTask;

    private LoopbackSmtpServer(int port, X509Certificate2? certificate)
    {
        Port = port;
        Certificate = certificate;
    }

    public int Port { get; }

    /// <summary>The server's certificate, when it offers STARTTLS.</summary>
    public X509Certificate2? Certificate { get; }

    public IReadOnlyList<ReceivedMail> Messages => [.. _messages];

    /// <summary>Every SMTP command the server carried out, by name (EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, QUIT), in order.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    /// <summary>Starts a server; with <paramref name="startTls"/> it offers STARTTLS and only allows AUTH after it.</summary>
    /// <param name="implicitTls">TLS from the first byte (the port-465 style) instead of STARTTLS.</param>
    public static async Task<LoopbackSmtpServer> StartAsync(bool startTls, (string User, string Password)? requiredLogin, bool implicitTls = false)
    {
        var port = FreePort();
        var certificate = startTls || implicitTls ? CreateCertificate() : null;
        var server = new LoopbackSmtpServer(port, certificate);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                    .IsSecure(implicitTls)
                    .AllowUnsecureAuthentication(!startTls && !implicitTls)
                    .AuthenticationRequired(requiredLogin is not null);
                if (certificate is not null)
                {
                    endpoint.Certificate(certificate);
                }
            })
            .Build();

        var services = new ServiceProvider();
        services.Add(new RecordingStore(server._messages));
        if (requiredLogin is { } login)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => user == login.User && password == login.Password));
        }

        var smtp = new SmtpServer.SmtpServer(options, services);
        smtp.SessionCreated += (_, session) => session.Context.CommandExecuting += (_, command) => server._commands.Enqueue(command.Command.Name);
        server._running = smtp.StartAsync(server._stop.Token);
        await WaitUntilListeningAsync(port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }

        _stop.Dispose();
        Certificate?.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), password: null);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitUntilListeningAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"SMTP server did not listen on {port}");
    }

    private sealed class RecordingStore(ConcurrentQueue<ReceivedMail> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            messages.Enqueue(new ReceivedMail(
                message,
                context.Pipe.IsSecure,
                context.Authentication.IsAuthenticated ? context.Authentication.User : null,
                [.. transaction.To.Select(mailbox => mailbox.User + "@" + mailbox.Host)]));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>A message as the server received it.</summary>
internal sealed record ReceivedMail(MimeMessage Message, bool OverTls, string? AuthenticatedUser, IReadOnlyList<string> Recipients);
