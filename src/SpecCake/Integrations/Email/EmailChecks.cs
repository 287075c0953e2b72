using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using SpecCake.Checks;
using SpecCake.Http;

namespace SpecCake.Integrations.Email;

/// <summary>
/// The SMTP server takes SpecCake's sign-in: connect, TLS as configured (on connect for port 465 with
/// <c>secure</c>, else STARTTLS, required with <c>secure</c>), authenticate, QUIT. No MAIL, RCPT or DATA
/// is ever sent: no message.
/// </summary>
internal sealed class EmailChecks(EmailOptions options) : IIntegrationCheck
{
    public static IReadOnlyList<IIntegrationCheck> For(EmailOptions options) => [new EmailChecks(options)];

    public string Name => "SMTP sign-in";

    public bool IsPrerequisite => false;

    public async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var host = options.Smtp.Host!.Trim();
        var port = options.Smtp.Port;
        var security = EmailNotifier.Security(options.Smtp);
        var user = context.Variable(EmailIntegration.User.Name)!;
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, context.RetryPolicy.AttemptTimeout.TotalMilliseconds) };
        if (context.ServerCertificateValidation is { } validation)
        {
            client.ServerCertificateValidationCallback = validation;
        }

        var where = $"{host}:{port}";
        try
        {
            await client.ConnectAsync(host, port, security, cancellationToken).ConfigureAwait(false);
            var secure = client.IsSecure;
            var tls = secure ? $"TLS ({(security == SecureSocketOptions.SslOnConnect ? "on connect" : "STARTTLS")}, {client.SslProtocol})" : "no TLS";
            await client.AuthenticateAsync(new NetworkCredential(user, context.Variable(EmailIntegration.Password.Name)), cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return secure || !options.Smtp.Secure
                ? CheckOutcome.Pass($"{where}, {tls}, signed in as {user}; no message sent")
                : CheckOutcome.Warn($"{where} signed in without TLS", "set secure: true to require it");
        }
        catch (AuthenticationException error)
        {
            return CheckOutcome.Fail(
                context.Masker.Shorten($"{where} refused the sign-in: {error.Message}", 300),
                $"check {EmailIntegration.User.Name} and {EmailIntegration.Password.Name} (an app password where the provider asks for one): gh secret set {EmailIntegration.Password.Name}");
        }
        catch (NotSupportedException error)
        {
            return CheckOutcome.Fail(
                $"{where}: {error.Message}",
                "with secure: true, port 465 is TLS on connect and any other port must offer STARTTLS; use the provider's submission port (587, or 465)");
        }
        catch (SslHandshakeException error)
        {
            return CheckOutcome.Fail(context.Masker.Shorten($"{where}: the TLS handshake failed: {error.Message}", 300), "check smtp.port and secure (465 is TLS on connect, 587 STARTTLS)");
        }
        catch (Exception error) when (error is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException)
        {
            return CheckOutcome.Fail(
                context.Masker.Shorten($"{where}: {error.Message}", 300),
                $"check smtp.host (or {EmailIntegration.Host.Name}) and smtp.port, and that the server can be reached from here");
        }
    }
}
