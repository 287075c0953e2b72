using SpecCake.Configuration;

namespace SpecCake.Delivery;

/// <summary>
/// Checks a service URL (a webhook URL from a secret, an <c>api_url</c>) without ever echoing it:
/// https, or plain http for a loopback host only (docs/design/contract.md#service-urls).
/// </summary>
public static class ServiceUrl
{
    /// <summary>The URL, when it is https or loopback http.</summary>
    /// <param name="value">The URL text.</param>
    /// <param name="source">Where it came from, for the error, e.g. <c>SLACK_WEBHOOK_URL</c>.</param>
    /// <exception cref="DeliveryConfigurationException">It is not such a URL; the message names the source, not the value.</exception>
    public static Uri Parse(string value, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (NotSet.VariableOf(value) is { } variable)
        {
            // Only a dry run gets this far with a URL whose ${VAR} is not set: it reaches nothing.
            return NotSet.Url(variable);
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) ||
            !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            throw new DeliveryConfigurationException(
                $"{source} is not an https:// URL (plain http:// is accepted for loopback hosts only).");
        }

        return url;
    }
}
