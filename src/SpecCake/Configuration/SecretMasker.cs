using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SpecCake.Configuration;

/// <summary>
/// Replaces every known credential with <c>***</c> in text that leaves the process: log lines,
/// dry-run requests, the summary, exception messages, configuration errors, tracker errors.
/// Credentials are the values of <see cref="SecretNames.Credentials"/>, webhook URLs, endpoint
/// secrets, secret header values and the encoded forms trackers send (e.g. a Basic authorization
/// value). Thread-safe: deliveries and trackers register and mask concurrently.
/// </summary>
/// <remarks>
/// Only secret values are masked, and only whole occurrences of meaningful length: of a webhook URL
/// the whole URL and its token-like parts, never a plain path such as <c>/events</c>; a short value
/// only where it stands alone, never inside a longer word. Text is masked before it is shortened
/// (<see cref="Shorten"/>), and where text was cut (it ends in <c>…</c> or <c>...</c>) the start of a
/// secret left just before the cut is masked too, so no prefix of a secret survives a cut.
/// </remarks>
public sealed class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // Shorter values are no credential, and masking them would garble ordinary words.
    private const int MinimumLength = 4;

    // Below this a value is masked only as a whole word: "main" must not mask "domain".
    private const int StandAloneBelow = 8;

    // A secret's first characters left before a cut are masked from this many on.
    private const int MinimumPrefix = 4;

    private static readonly string[] CutMarkers = ["…", "..."];

    private readonly object _gate = new();
    private Secret[] _secrets = [];

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

    /// <summary>Registers a secret (and its trimmed and URL-escaped forms, and a URL's token-like parts).</summary>
    /// <param name="value">The value; null, blank or very short values are ignored.</param>
    public void Add(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var trimmed = value.Trim();
        var isUrl = IsUrl(trimmed);

        // A URL's beginning (https://hooks.slack.com/...) is no secret; its token parts are registered on their own.
        // As written, trimmed, URL-escaped, and as a JSON string holds it (a quote or backslash escaped).
        var forms = new[] { value, trimmed, Uri.EscapeDataString(trimmed), JsonEncodedText.Encode(trimmed, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value }
            .Select(form => new Secret(form, PrefixSensitive: !isUrl))
            .Concat(UrlParts(trimmed))
            .Where(secret => secret.Value.Length >= MinimumLength);
        lock (_gate)
        {
            // Longest first, so a secret containing another is masked whole.
            _secrets = [.. _secrets.Concat(forms)
                .GroupBy(secret => secret.Value, StringComparer.Ordinal)
                .Select(group => new Secret(group.Key, group.Any(secret => secret.PrefixSensitive)))
                .OrderByDescending(secret => secret.Value.Length)];
        }
    }

    /// <summary>
    /// The parts of a URL that carry a credential on their own (token-like path segments and query
    /// values, and the path and query holding them), for a URL that is itself no secret: one written
    /// in the configuration file is shown as written, less its tokens.
    /// </summary>
    /// <param name="url">The URL.</param>
    public static IEnumerable<string> TokensOf(string? url) =>
        string.IsNullOrWhiteSpace(url) ? [] : UrlParts(url.Trim()).Select(part => part.Value).Where(part => part.Length >= MinimumLength);

    /// <summary>The text with every registered secret replaced by <c>***</c>.</summary>
    /// <param name="text">The text; null gives an empty string.</param>
    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var known = Volatile.Read(ref _secrets);
        foreach (var secret in known)
        {
            text = secret.Value.Length < StandAloneBelow ? ReplaceStandAlone(text, secret.Value) : text.Replace(secret.Value, Mask, StringComparison.Ordinal);
        }

        return MaskCutPrefixes(text, known);
    }

    /// <summary>
    /// Whether <paramref name="text"/> holds a whole registered secret of at least 8 characters
    /// (shorter values are too likely to be ordinary words in code to judge a file by).
    /// </summary>
    /// <param name="text">The text; null holds none.</param>
    public bool Reveals(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var secret in Volatile.Read(ref _secrets))
        {
            if (secret.Value.Length >= StandAloneBelow && text.Contains(secret.Value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The text masked, then cut to <paramref name="maxLength"/> characters with an ellipsis (never
    /// inside a surrogate pair), the start of a secret at the cut masked too. Every shortening of
    /// text that may hold a secret goes through here: cutting first would print a secret minus its end.
    /// </summary>
    /// <param name="text">The text; null gives an empty string.</param>
    /// <param name="maxLength">The most characters kept before the ellipsis.</param>
    public string Shorten(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        var masked = Apply(text);
        if (masked.Length <= maxLength)
        {
            return masked;
        }

        var cut = char.IsHighSurrogate(masked[maxLength - 1]) ? maxLength - 1 : maxLength;
        return MaskCutPrefixes(masked[..cut] + "…", Volatile.Read(ref _secrets));
    }

    /// <summary>
    /// For a webhook URL, the parts that carry the credential on their own: token-like path
    /// segments and query values, and the path and query when they hold one. A server or proxy
    /// echoing only the path (as many 404 pages do) must not leak the token either; a URL without
    /// such a part (<c>https://analytics.example.com/events</c>) is masked only whole.
    /// </summary>
    private static IEnumerable<Secret> UrlParts(string value)
    {
        if (!IsUrl(value) || !Uri.TryCreate(value, UriKind.Absolute, out var url))
        {
            yield break;
        }

        var pieces = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Concat(url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .Concat(url.UserInfo.Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Where(LooksLikeToken)
            .ToList();
        if (pieces.Count == 0)
        {
            yield break;
        }

        yield return new Secret(url.PathAndQuery, PrefixSensitive: false);
        foreach (var piece in pieces)
        {
            yield return new Secret(piece, PrefixSensitive: true);
            yield return new Secret(Uri.UnescapeDataString(piece), PrefixSensitive: true);
        }
    }

    private static bool IsUrl(string value) =>
        value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    // Long, or mixing letters and digits: a token, not a word such as "services" or "webhooks".
    private static bool LooksLikeToken(string piece) =>
        piece.Length >= 16 || (piece.Length >= 8 && piece.Any(char.IsDigit) && piece.Any(char.IsLetter));

    /// <summary>Replaces a short secret only where no letter or digit touches it on either side.</summary>
    private static string ReplaceStandAlone(string text, string secret)
    {
        var index = text.IndexOf(secret, StringComparison.Ordinal);
        if (index < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var copied = 0;
        while (index >= 0)
        {
            var end = index + secret.Length;
            var standsAlone = (index == 0 || !char.IsLetterOrDigit(text[index - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
            if (standsAlone)
            {
                result.Append(text, copied, index - copied).Append(Mask);
                copied = end;
            }

            index = text.IndexOf(secret, standsAlone ? end : index + 1, StringComparison.Ordinal);
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Where text was cut (an ellipsis), masks the longest start of a secret that ends right
    /// before it: the rest of that secret was cut away, by SpecCake or by the service.
    /// </summary>
    private static string MaskCutPrefixes(string text, Secret[] known)
    {
        foreach (var marker in CutMarkers)
        {
            var cut = text.IndexOf(marker, StringComparison.Ordinal);
            while (cut >= 0)
            {
                var longest = 0;
                foreach (var secret in known)
                {
                    if (!secret.PrefixSensitive || cut < MinimumPrefix)
                    {
                        continue;
                    }

                    for (var length = Math.Min(secret.Value.Length - 1, cut); length >= MinimumPrefix && length > longest; length--)
                    {
                        if (text.AsSpan(cut - length, length).SequenceEqual(secret.Value.AsSpan(0, length)))
                        {
                            longest = length;
                            break;
                        }
                    }
                }

                if (longest > 0)
                {
                    text = string.Concat(text.AsSpan(0, cut - longest), Mask, text.AsSpan(cut));
                    cut += Mask.Length - longest;
                }

                cut = text.IndexOf(marker, cut + marker.Length, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private readonly record struct Secret(string Value, bool PrefixSensitive);
}
