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
using SpecCake.Http;

namespace SpecCake.Integrations.Email;

/// <summary>
/// A non-HTTP delivery: one SMTP session per attempt (connect, TLS as configured, authenticate,
/// send). Network errors before the message is handed over and 4xx SMTP replies are retried;
/// authentication, TLS and 5xx replies fail at once. Email has no deduplication key, so a timeout or
/// a lost connection once the message was on its way is not retried (it may have been delivered)
/// unless <see cref="RetryPolicy.AtLeastOnce"/> asks for it.
/// </summary>
internal sealed class EmailDelivery : PlannedDelivery
{
    private readonly SmtpServerAddress _server;
    private readonly NetworkCredential? _credentials;

    public EmailDelivery(string target, SmtpServerAddress server, NetworkCredential? credentials, MimeMessage message, RetryPolicy policy)
        : base(target, policy)
    {
        this._server = server;
        this._credentials = credentials;
        Message = message;
    }

    public MimeMessage Message { get; }

    public override string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"SMTP {_server.Host}:{_server.Port} ({_server.Security})\n");
        text.Append("AUTH: ").Append(_credentials is null ? "none" : SecretMasker.Mask).Append('\n');
        text.Append("From: ").Append(Message.From).Append('\n');
        text.Append("To: ").Append(Message.To).Append('\n');
        text.Append("Subject: ").Append(Message.Subject).Append("\n\n");
        text.Append(Message.TextBody);
        return text.ToString();
    }

    public override Task<DeliveryOutcome> SendAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipeline = context.Pipeline(
            (typeof(EmailDelivery), Policy),
            () => OperationResilience.Create(
                Policy,
                (error, resilience) => IsTransient(error) && !Ambiguous(error, DeliveryCall.Of(resilience)),
                context.TimeProvider,
                args =>
                {
                    var call = DeliveryCall.Of(args.Context);
                    return call.RetryingAsync(args.Outcome.Exception is { } error ? ((EmailDelivery)call.Delivery).Why(error) : null, args.RetryDelay, args.AttemptNumber);
                }));

        // MailKit's own read timeout (a TimeoutException: the SmtpClient's Timeout is the attempt timeout)
        // races the pipeline's; whichever fires first, it is the same timed-out attempt.
        return SendThroughAsync(
            pipeline,
            context,
            (call, token) => new ValueTask(SendOnceAsync(call, token)),
            (error, call) => error switch
            {
                AuthenticationException => DeliveryOutcome.Failed(call.Attempts, context.Masker.Shorten($"SMTP authentication failed: {error.Message}", 300)),
                SmtpCommandException command => DeliveryOutcome.Failed(call.Attempts, context.Masker.Shorten($"SMTP {(int)command.StatusCode} {command.Message}", 300)),
                IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException or NotSupportedException =>
                    DeliveryOutcome.Failed(call.Attempts, context.Masker.Shorten($"SMTP error: {Why(error)}", 300) + (Ambiguous(error, call) ? NotRetriedSuffix() : string.Empty)),
                _ => null,
            },
            cancellationToken);
    }

    /// <summary>A socket or stream failure says what happened on the connection (<see cref="NetworkFailure"/>); MailKit's own exceptions carry their own words.</summary>
    private string Why(Exception error) =>
        error is IOException or SocketException ? NetworkFailure.Describe(error, $"{_server.Host}:{_server.Port}") : error.Message;

    /// <summary>Whether a failure left the message's fate unknown and this delivery must not risk sending it twice.</summary>
    private static bool Ambiguous(Exception error, DeliveryCall call) =>
        call.HandedOver && call.Delivery.Guarantee == DeliveryGuarantee.AtMostOnce && error is not SmtpCommandException;

    private async Task SendOnceAsync(DeliveryCall call, CancellationToken cancellationToken)
    {
        var context = call.Context;
        using var client = new SmtpClient
        {
            Timeout = (int)Math.Min(int.MaxValue, Policy.AttemptTimeout.TotalMilliseconds),
        };
        if (context.ServerCertificateValidation is { } validation)
        {
            client.ServerCertificateValidationCallback = validation;
        }

        await client.ConnectAsync(_server.Host, _server.Port, _server.Security, cancellationToken).ConfigureAwait(false);
        if (_credentials is not null)
        {
            await client.AuthenticateAsync(_credentials, cancellationToken).ConfigureAwait(false);
        }

        call.HandedOver = true;
        await client.SendAsync(Message, cancellationToken).ConfigureAwait(false);

        // The server accepted the message: a failure to say goodbye must not send it again.
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException)
        {
        }
    }

    private static bool IsTransient(Exception error) => error switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        AuthenticationException or SslHandshakeException => false,
        TimeoutRejectedException or TimeoutException => true,
        IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException => true,
        _ => false,
    };
}
