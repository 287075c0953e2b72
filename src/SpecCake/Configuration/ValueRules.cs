using System.Net;
using System.Text.RegularExpressions;

namespace SpecCake.Configuration;

/// <summary>Formats the schema cannot check once <c>${VAR}</c> is resolved: URLs and email addresses.</summary>
internal static partial class ValueRules
{
    /// <summary>The fix shown for a bad URL; the value itself is never shown (URLs may carry credentials).</summary>
    public const string UrlRule = "must be an absolute https:// URL (plain http:// only for localhost, 127.0.0.1 or ::1)";

    /// <summary>An absolute http(s) URL, plain http only towards a loopback host.</summary>
    public static bool IsAcceptableUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri.Host));
    }

    /// <summary>A Sentry DSN is a URL whose user part is the public key.</summary>
    public static bool IsAcceptableDsn(string value) =>
        IsAcceptableUrl(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo);

    public static bool IsEmailAddress(string value) => EmailPattern().IsMatch(value);

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    // Deliberately plain: local@domain.tld, no display names, no quoted local parts.
    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
