namespace SpecCake.Integrations.Email;

/// <summary>
/// <c>integrations.email</c>; credentials come from <c>SMTP_USER</c>/<c>SMTP_PASSWORD</c>,
/// and <c>SMTP_HOST</c> (when set) wins over <c>smtp.host</c>.
/// </summary>
public sealed record EmailOptions : IntegrationOptions
{
    /// <summary><c>smtp</c>: the server.</summary>
    public SmtpOptions Smtp { get; init; } = new();

    /// <summary><c>from</c>: the sender address.</summary>
    public string? From { get; init; }

    /// <summary><c>recipients</c>: event name (snake_case) → addresses; an event with no entry is not sent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Recipients { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary><c>integrations.email.smtp</c>.</summary>
public sealed record SmtpOptions
{
    /// <summary><c>host</c>; <c>SMTP_HOST</c> wins when set.</summary>
    public string? Host { get; init; }

    /// <summary><c>port</c>; 587 by default.</summary>
    public int Port { get; init; } = 587;

    /// <summary><c>secure</c>: TLS on connect for port 465, otherwise STARTTLS required.</summary>
    public bool Secure { get; init; } = true;
}
