using System.Text.RegularExpressions;

namespace SpecCake.Configuration;

/// <summary>
/// What stands where a secret would go when it is not set and nothing will be sent: a dry run
/// shows <c>&lt;SLACK_WEBHOOK_URL not set&gt;</c> in its place, and a configuration value whose
/// <c>${VAR}</c> is not set holds the same text. A task that sends checks its secrets first, so
/// such a value is never sent.
/// </summary>
public static partial class NotSet
{
    // .invalid never resolves (RFC 2606): a stand-in URL can reach no server.
    private const string StandInHost = "not-set.invalid";

    /// <summary>The text shown for the variable, e.g. <c>&lt;SLACK_WEBHOOK_URL not set&gt;</c>.</summary>
    /// <param name="variable">The environment variable.</param>
    public static string Placeholder(string variable) => $"<{variable} not set>";

    /// <summary>Whether <paramref name="text"/> holds a placeholder.</summary>
    /// <param name="text">Any text.</param>
    public static bool IsIn(string? text) => text is not null && Pattern().IsMatch(text);

    /// <summary>The variable when <paramref name="text"/> is nothing but its placeholder; null otherwise.</summary>
    /// <param name="text">Any text.</param>
    public static string? VariableOf(string? text) =>
        text is not null && Pattern().Match(text) is { Success: true } match && match.Length == text.Length ? text[1..text.IndexOf(' ', StringComparison.Ordinal)] : null;

    /// <summary>
    /// A URL that stands for a URL secret that is not set, where a URL is required (a webhook URL):
    /// it reaches nothing, and <see cref="Describe(Uri)"/> shows it as the placeholder.
    /// </summary>
    /// <param name="variable">The environment variable.</param>
    public static Uri Url(string variable) => new($"https://{StandInHost}/{variable}");

    /// <summary>A URL as a dry run shows it: a stand-in as its placeholder, any other as written.</summary>
    /// <param name="url">The URL.</param>
    public static string Describe(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && url.Host == StandInHost ? Placeholder(url.AbsolutePath.Trim('/')) : url.OriginalString;
    }

    [GeneratedRegex(@"<[A-Za-z_][A-Za-z0-9_]* not set>", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
