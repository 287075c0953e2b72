using System.Text;
using SpecCake.Configuration;

namespace SpecCake.Trackers;

/// <summary>
/// Replaces every credential value (and the encoded forms trackers send, such as a Basic
/// authorization value) with <c>***</c> in any text bound for output.
/// </summary>
internal sealed class CredentialMask
{
    private const string Masked = "***";
    private readonly List<string> secrets = [];

    public CredentialMask(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in SecretNames.Credentials)
        {
            if (environment.TryGetValue(name, out var value))
            {
                Add(value);
            }
        }
    }

    /// <summary>Adds a value derived from secrets, e.g. <c>base64(email:token)</c>.</summary>
    public void Add(string? secret)
    {
        // Very short values would mask ordinary words; no real credential is that short.
        if (string.IsNullOrEmpty(secret) || secret.Length < 4)
        {
            return;
        }

        lock (secrets)
        {
            if (!secrets.Contains(secret, StringComparer.Ordinal))
            {
                secrets.Add(secret);
                secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = new StringBuilder(text);
        lock (secrets)
        {
            foreach (var secret in secrets)
            {
                result.Replace(secret, Masked);
            }
        }

        return result.ToString();
    }
}
