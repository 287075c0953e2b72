namespace SpecCake.Configuration;

/// <summary>
/// Replaces every known credential with <c>***</c> in text that leaves the process: log lines,
/// dry-run requests, the summary, exception messages, configuration errors, tracker errors.
/// Credentials are the values of <see cref="SecretNames.Credentials"/>, webhook URLs, endpoint
/// secrets, secret header values and the encoded forms trackers send (e.g. a Basic authorization
/// value). Thread-safe: deliveries and trackers register and mask concurrently.
/// </summary>
public sealed class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // Shorter values would garble ordinary words; no real credential is this short.
    private const int MinimumLength = 3;

    private readonly object gate = new();
    private string[] secrets = [];

    /// <summary>A masker knowing the credential values of <paramref name="environment"/>.</summary>
    /// <param name="environment">Environment variables.</param>
    public static SecretMasker FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var masker = new SecretMasker();
        foreach (var name in SecretNames.Credentials)
        {
            if (environment.TryGetValue(name, out var value))
            {
                masker.Add(value);
            }
        }

        return masker;
    }

    /// <summary>Registers a secret (and its trimmed and URL-escaped forms).</summary>
    /// <param name="value">The value; null, blank or very short values are ignored.</param>
    public void Add(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var forms = new[] { value, value.Trim(), Uri.EscapeDataString(value.Trim()) }
            .Concat(UrlParts(value.Trim()))
            .Where(form => form.Length >= MinimumLength);
        lock (gate)
        {
            // Longest first, so a secret containing another is masked whole.
            secrets = [.. secrets.Union(forms, StringComparer.Ordinal).OrderByDescending(secret => secret.Length)];
        }
    }

    /// <summary>
    /// For a webhook URL, the parts that carry the credential on their own: the path and query,
    /// and token-like path segments and query values. A server or proxy echoing only the path
    /// (as many 404 pages do) must not leak the token either.
    /// </summary>
    private static IEnumerable<string> UrlParts(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            yield break;
        }

        if (url.PathAndQuery.Length > 1)
        {
            yield return url.PathAndQuery;
        }

        var pieces = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Concat(url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        foreach (var piece in pieces)
        {
            if (LooksLikeToken(piece))
            {
                yield return piece;
                yield return Uri.UnescapeDataString(piece);
            }
        }
    }

    // Long, or mixing letters and digits: a token, not a word such as "services" or "webhooks".
    private static bool LooksLikeToken(string piece) =>
        piece.Length >= 16 || (piece.Length >= 8 && piece.Any(char.IsDigit) && piece.Any(char.IsLetter));

    /// <summary>The text with every registered secret replaced by <c>***</c>.</summary>
    /// <param name="text">The text; null gives an empty string.</param>
    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var known = Volatile.Read(ref secrets);
        foreach (var secret in known)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
