using System.Text.RegularExpressions;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.NewRelic;

/// <summary>
/// New Relic Event API (<c>NEW_RELIC_API_KEY</c> as <c>Api-Key</c>): one custom event per SpecCake
/// event to <c>/v1/accounts/{account_id}/events</c>, so <c>SELECT * FROM SpecIngestion WHERE
/// spec_id = 'FEAT-0001'</c> finds it. EU accounts set <c>api_url: https://insights-collector.eu01.nr-data.net</c>.
/// </summary>
internal sealed partial class NewRelicNotifier : INotifier
{
    /// <summary>The US collector (docs/design/contract.md#service-urls).</summary>
    public const string DefaultApiUrl = "https://insights-collector.newrelic.com";

    public string Name => NewRelicIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.NewRelic is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        ArgumentNullException.ThrowIfNull(specEvent);
        var options = context.Config.Integrations.NewRelic!;
        var accountId = options.AccountId?.Trim();
        if (string.IsNullOrEmpty(accountId) || !accountId.All(char.IsAsciiDigit))
        {
            throw new DeliveryConfigurationException("integrations.new_relic.account_id must be the numeric account ID (New Relic → account name → Account ID).");
        }

        if (!EventTypePattern().IsMatch(NewRelicEvent.EventType(options)))
        {
            throw new DeliveryConfigurationException("integrations.new_relic.event_type may hold only letters, digits, ':', '_' and spaces (at most 255).");
        }

        var apiKey = context.RequireSecret(NewRelicIntegration.ApiKey.Name, Name);
        var url = ApiBaseUrl.Combine(ApiBaseUrl.Resolve(options.ApiUrl, DefaultApiUrl, Name), $"/v1/accounts/{accountId}/events");
        return
        [
            new HttpDelivery(
                Name,
                HttpRequestDescription.PostJson(url, NewRelicEvent.Serialize(specEvent, options), [new HttpHeader("Api-Key", apiKey, IsSecret: true)]),
                context.RetryPolicy),
        ];
    }

    [GeneratedRegex("^[A-Za-z0-9:_ ]{1,255}$")]
    private static partial Regex EventTypePattern();
}
