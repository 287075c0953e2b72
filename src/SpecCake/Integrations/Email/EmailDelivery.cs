using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Polly.Timeout;
using SpecCake.Configuration;
using SpecCake.Delivery;

namespace SpecCake.Integrations.Email;

/// <summary>
/// A non-HTTP delivery: one SMTP session per attempt (connect, TLS as configured, authenticate,
/// send). Network errors and 4xx SMTP replies are retried; authentication, TLS and 5xx replies fail at once.
/// </summary>
internal sealed class EmailDelivery : PlannedDelivery
{
    private readonly SmtpServerAddress server;
    private readonly NetworkCredential? credentials;

    public EmailDelivery(string target, SmtpServerAddress server, NetworkCredential? credentials, MimeMessage message, RetryPolicy policy)
        : base(target, policy)
    {
        this.server = server;
        this.credentials = credentials;
        Message = message;
    }

    public MimeMessage Message { get; }

    public override string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"SMTP {server.Host}:{server.Port} ({server.Security})\n");
        text.Append("AUTH: ").Append(credentials is null ? "none" : SecretMasker.Mask).Append('\n');
        text.Append("From: ").Append(Message.From).Append('\n');
        text.Append("To: ").Append(Message.To).Append('\n');
        text.Append("Subject: ").Append(Message.Subject).Append("\n\n");
        text.Append(Message.TextBody);
        return text.ToString();
    }

    public override async Task<DeliveryOutcome> SendAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var pipeline = OperationResilience.Create(Policy, IsTransient, context.TimeProvider, args =>
        {
            LogRetry(context, args.Outcome.Exception?.Message, args.RetryDelay, args.AttemptNumber);
            return ValueTask.CompletedTask;
        });

        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref attempts);
                    await SendOnceAsync(context, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Sent(attempts);
        }
        catch (TimeoutRejectedException timeout)
        {
            return DeliveryOutcome.Failed(attempts, $"timed out: no answer within {HttpResilience.Describe(timeout.Timeout)}");
        }
        catch (AuthenticationException error)
        {
            return DeliveryOutcome.Failed(attempts, $"SMTP authentication failed: {error.Message}");
        }
        catch (SmtpCommandException error)
        {
            return DeliveryOutcome.Failed(attempts, $"SMTP {(int)error.StatusCode} {error.Message}");
        }
        catch (Exception error) when (error is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException or NotSupportedException)
        {
            return DeliveryOutcome.Failed(attempts, $"SMTP error: {error.Message}");
        }
    }

    private async Task SendOnceAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient
        {
            Timeout = (int)Math.Min(int.MaxValue, Policy.AttemptTimeout.TotalMilliseconds),
        };
        if (context.ServerCertificateValidation is { } validation)
        {
            client.ServerCertificateValidationCallback = validation;
        }

        await client.ConnectAsync(server.Host, server.Port, server.Security, cancellationToken).ConfigureAwait(false);
        if (credentials is not null)
        {
            await client.AuthenticateAsync(credentials, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(Message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(Exception error) => error switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        AuthenticationException or SslHandshakeException => false,
        IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException => true,
        _ => false,
    };
}
