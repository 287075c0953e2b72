using SpecCake.Delivery;

namespace SpecCake.Integrations.Sentry;

/// <summary>A checked <c>SENTRY_DSN</c>: <c>https://{public key}@{host}/{project id}</c>, never echoed.</summary>
internal sealed record SentryDsn(string Value, string PublicKey, string Host, string ProjectId)
{
    /// <exception cref="DeliveryConfigurationException">It is not a DSN.</exception>
    public static SentryDsn Parse(string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) &&
            (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)) &&
            url.UserInfo.Split(':')[0] is { Length: > 0 } publicKey &&
            url.AbsolutePath.TrimEnd('/').Split('/')[^1] is { Length: > 0 } project)
        {
            return new SentryDsn(value, publicKey, url.Authority, project);
        }

        throw new DeliveryConfigurationException(
            "SENTRY_DSN is not a Sentry DSN (https://<public key>@<host>/<project id>, from Sentry → Project Settings → Client Keys; http:// only for loopback hosts).");
    }
}
