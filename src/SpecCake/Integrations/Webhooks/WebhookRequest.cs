using System.Security.Cryptography;
using System.Text;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.Webhooks;

/// <summary>
/// One endpoint's request (docs/design/contract.md#payload): the payload bytes, <c>X-SpecCake-Event</c>,
/// <c>X-SpecCake-Delivery</c> (fixed here, before any attempt, so every retry carries the same id),
/// <c>X-Signature-256</c> when the endpoint has a secret, then the configured headers.
/// </summary>
internal static class WebhookRequest
{
    public const string EventHeader = "X-SpecCake-Event";
    public const string DeliveryHeader = "X-SpecCake-Delivery";
    public const string SignatureHeader = "X-Signature-256";

    /// <param name="endpoint">The endpoint.</param>
    /// <param name="specEvent">The event.</param>
    /// <param name="body">The payload bytes (signed as they are).</param>
    /// <param name="deliveryId">The delivery id, fixed before the first attempt.</param>
    /// <param name="isInterpolatedSecret">Whether a configured header value came from an environment variable (printed masked).</param>
    public static HttpRequestDescription Build(WebhookEndpointOptions endpoint, SpecEvent specEvent, byte[] body, Guid deliveryId, Func<string, bool> isInterpolatedSecret)
    {
        var url = ServiceUrl.Parse(endpoint.Url, $"webhooks endpoint '{endpoint.Name}' url");
        var headers = new List<HttpHeader>
        {
            new(EventHeader, specEvent.Name),
            new(DeliveryHeader, deliveryId.ToString("D")),
        };

        if (!string.IsNullOrEmpty(endpoint.Secret))
        {
            // A dry run without the HMAC secret shows which one is missing instead of a signature.
            headers.Add(new HttpHeader(SignatureHeader, NotSet.IsIn(endpoint.Secret) ? endpoint.Secret : Sign(body, endpoint.Secret)));
        }

        foreach (var (name, value) in endpoint.Headers)
        {
            // The protocol headers above are SpecCake's to set; Content-Type is fixed by the body.
            if (headers.Any(header => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase)) ||
                string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            headers.Add(new HttpHeader(name, value, HttpHeader.IsCredentialName(name) || isInterpolatedSecret(value)));
        }

        return HttpRequestDescription.PostJson(url, body, headers);
    }

    /// <summary><c>sha256=</c> + lowercase hex HMAC-SHA256 of the exact body bytes, as the receiver's <c>verify_signature</c> (docs/design/integrations.md#webhooks) expects.</summary>
    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
