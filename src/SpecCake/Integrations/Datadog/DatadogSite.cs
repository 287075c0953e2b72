using SpecCake.Delivery;

namespace SpecCake.Integrations.Datadog;

/// <summary>
/// Datadog's <c>site</c> → its API host (<c>https://api.{site}</c>, as in Datadog's own endpoint
/// tables). Only known sites are accepted, so a typo fails with the list instead of sending
/// metrics nowhere; any other host goes in <c>api_url</c>.
/// </summary>
internal static class DatadogSite
{
    /// <summary>Every Datadog site: US1, EU1, US3, US5, AP1, AP2, UK1, US1-FED, US2-FED.</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "datadoghq.com", "datadoghq.eu", "us3.datadoghq.com", "us5.datadoghq.com",
        "ap1.datadoghq.com", "ap2.datadoghq.com", "uk1.datadoghq.com", "ddog-gov.com", "us2.ddog-gov.com",
    ];

    /// <summary>The API base URL for a site; <c>app.</c> and a scheme are tolerated, as users copy them from the browser.</summary>
    /// <exception cref="DeliveryConfigurationException">Not a Datadog site.</exception>
    public static string ApiUrl(string? site)
    {
        var name = (site ?? "datadoghq.com").Trim().ToLowerInvariant();
        foreach (var prefix in (string[])["https://", "http://", "app.", "api."])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
            }
        }

        name = name.TrimEnd('/');
        if (!Known.Contains(name, StringComparer.Ordinal))
        {
            throw new DeliveryConfigurationException(
                $"integrations.datadog.site \"{site}\" is not a Datadog site; use one of {string.Join(", ", Known)}, or set api_url.");
        }

        return "https://api." + name;
    }
}
