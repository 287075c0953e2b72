using SpecCake.Delivery;

namespace SpecCake.Integrations;

/// <summary>
/// A service's base URL: its public default, or <c>api_url</c> (docs/design/contract.md#service-urls) for EU regions, proxies
/// and local test servers. Endpoints are appended to it, so a base with a path (a proxy's prefix) keeps it.
/// </summary>
internal static class ApiBaseUrl
{
    /// <summary>The base URL, without a trailing slash.</summary>
    /// <param name="apiUrl">The configured <c>api_url</c>, or null.</param>
    /// <param name="defaultUrl">The service's public base URL.</param>
    /// <param name="integration">The integration's config key, for the error message.</param>
    /// <exception cref="DeliveryConfigurationException"><c>api_url</c> is not https (or http on a loopback host).</exception>
    public static Uri Resolve(string? apiUrl, string defaultUrl, string integration)
    {
        var text = string.IsNullOrWhiteSpace(apiUrl) ? defaultUrl : apiUrl.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) ||
            !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)) ||
            !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            throw new DeliveryConfigurationException(
                $"integrations.{integration}.api_url must be an https:// base URL without query or credentials (plain http:// is accepted for loopback hosts only).");
        }

        return new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    /// <summary>An endpoint under a base URL, e.g. <c>/v2/enqueue</c>.</summary>
    /// <param name="baseUrl">The base from <see cref="Resolve"/>.</param>
    /// <param name="pathAndQuery">The path (and query), starting with <c>/</c>.</param>
    public static Uri Combine(Uri baseUrl, string pathAndQuery) =>
        new(baseUrl.OriginalString.TrimEnd('/') + pathAndQuery);
}
