using MailKit.Security;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.Email;

/// <summary>
/// Email over SMTP (MailKit): one message to the event's <c>recipients</c>. <c>SMTP_HOST</c> wins
/// over <c>smtp.host</c>; <c>secure: true</c> is TLS on connect on port 465 and required STARTTLS
/// on any other port; <c>SMTP_USER</c>/<c>SMTP_PASSWORD</c> authenticate when set.
/// </summary>
internal sealed class EmailNotifier : INotifier
{
    public string Name => EmailIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Email is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        var options = context.Config.Integrations.Email!;
        var recipients = Recipients(options, specEvent);
        if (recipients.Count == 0)
        {
            return [];
        }

        var host = context.GetSecret(EmailIntegration.Host.Name) ?? options.Smtp.Host
            ?? (context.DryRun ? NotSet.Placeholder(EmailIntegration.Host.Name) : throw new DeliveryConfigurationException(EmailIntegration.NoServer));
        var from = options.From
            ?? throw new DeliveryConfigurationException("email is enabled but has no sender: set integrations.email.from.");

        var user = context.GetSecret(EmailIntegration.User.Name);
        var password = context.GetSecret(EmailIntegration.Password.Name);
        context.AddSecret(user);
        context.AddSecret(password);

        var server = new SmtpServerAddress(host, options.Smtp.Port, Security(options.Smtp));
        var credentials = user is null ? null : new System.Net.NetworkCredential(user, password ?? string.Empty);
        return [new EmailDelivery(Name, server, credentials, EmailMessage.Render(specEvent, from, recipients), context.RetryPolicy)];
    }

    /// <summary>Port 465 with <c>secure</c> is implicit TLS; any other port with <c>secure</c> must upgrade with STARTTLS.</summary>
    internal static SecureSocketOptions Security(SmtpOptions smtp) =>
        !smtp.Secure ? SecureSocketOptions.StartTlsWhenAvailable
        : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    private static List<string> Recipients(EmailOptions options, SpecEvent specEvent)
    {
        IEnumerable<string> addresses = specEvent.IsTest
            ? options.Recipients.Values.SelectMany(list => list)
            : options.Recipients.TryGetValue(specEvent.Name, out var list) ? list : [];
        return [.. addresses.Where(address => !string.IsNullOrWhiteSpace(address)).Select(address => address.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}

/// <summary>Where and how to connect.</summary>
/// <param name="Host">The SMTP host.</param>
/// <param name="Port">The port.</param>
/// <param name="Security">TLS on connect, required STARTTLS, or STARTTLS when offered.</param>
internal sealed record SmtpServerAddress(string Host, int Port, SecureSocketOptions Security);
