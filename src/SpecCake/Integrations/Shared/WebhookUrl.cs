using SpecCake.Delivery;

namespace SpecCake.Integrations;

/// <summary>Checks a webhook URL taken from a secret, without ever echoing it.</summary>
internal static class WebhookUrl
{
    /// <summary>The URL; https, or http for a loopback host (contract §2).</summary>
    /// <exception cref="DeliveryConfigurationException">It is not such a URL.</exception>
    public static Uri Parse(string value, string source)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) ||
            !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            throw new DeliveryConfigurationException(
                $"{source} is not an https:// URL (plain http:// is accepted for loopback hosts only).");
        }

        return url;
    }
}
