using System.Text.Json.Nodes;
using SpecCake.Checks;
using SpecCake.Delivery;
using SpecCake.Events;

namespace SpecCake.Integrations.Email;

/// <summary>
/// Email over SMTP: the <c>recipients</c> of each event. <c>SMTP_HOST</c> wins over <c>smtp.host</c>;
/// <c>SMTP_USER</c> and <c>SMTP_PASSWORD</c> sign in.
/// </summary>
internal sealed class EmailIntegration : IntegrationDescriptor<EmailOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "email";

    /// <summary>The SMTP user.</summary>
    public static readonly SecretVariable User = new("SMTP_USER", "SMTP user name");

    /// <summary>The SMTP password.</summary>
    public static readonly SecretVariable Password = new("SMTP_PASSWORD", "SMTP password");

    /// <summary>The SMTP server, instead of <c>smtp.host</c>.</summary>
    public static readonly SecretVariable Host = new("SMTP_HOST", "SMTP server (wins over smtp.host)", IsCredential: false);

    /// <summary>How a missing server is worded, when the file is read and when a message would be sent.</summary>
    public static readonly string NoServer = $"integrations.email is enabled but has no SMTP server: set smtp.host or the {Host.Name} secret";

    public static EmailIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        smtp:
          host: "${SMTP_HOST}"
          port: 587
          secure: true                   # 465: TLS on connect; otherwise STARTTLS is required
        from: "specs@example.com"
        recipients:
          implementation_failed:
            - "oncall@example.com"
          pr_created:
            - "reviewers@example.com"
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["smtp", "from", "recipients"];

    public override IReadOnlyList<SecretVariable> Variables => [User, Password, Host];

    public override INotifier Notifier { get; } = new EmailNotifier();

    protected override EmailOptions BindOptions(ConfigBlock block)
    {
        var smtp = new SmtpOptions();
        if (block.Object("smtp") is { } s)
        {
            smtp = smtp with { Host = s.Text("host"), Port = s.Int("port") ?? smtp.Port, Secure = s.Bool("secure") ?? smtp.Secure };
        }

        // SMTP_HOST wins over smtp.host: folded in here, so no sender has to know.
        smtp = smtp with { Host = block.Environment(Host) ?? smtp.Host };
        return new EmailOptions { Smtp = smtp, From = block.Text("from"), Recipients = block.Lists("recipients") };
    }

    public override void CheckSettings(IntegrationBlock block) =>
        block.RequireSetting("from", "the sender address, e.g. from: \"specs@example.com\"");

    public override void CheckFormats(IntegrationBlock block)
    {
        block.CheckEmail("from");
        if (block.Node("recipients") is JsonObject recipients)
        {
            foreach (var (eventName, list) in recipients)
            {
                for (var index = 0; list is JsonArray addresses && index < addresses.Count; index++)
                {
                    block.CheckEmail($"recipients/{eventName}/{index}");
                }
            }
        }
    }

    protected override void CheckSecrets(EmailOptions options, SecretCheck check)
    {
        check.Require(User);
        check.Require(Password);
        if (string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            check.Missing(Host, NoServer);
        }
        else
        {
            check.Optional(Host);
        }
    }

    protected override IReadOnlyList<IntegrationTarget> Targets(EmailOptions options) =>
        [new IntegrationTarget(Key, kind => options.Recipients.TryGetValue(kind.ToName(), out var list) && list.Any(address => !string.IsNullOrWhiteSpace(address)))];

    protected override IReadOnlyList<IIntegrationCheck> Checks(EmailOptions options) => EmailChecks.For(options);
}
