using SpecCake.Checks;
using SpecCake.Delivery;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Datadog;

/// <summary>The API key is valid for the configured site: <c>GET /api/v1/validate</c> answers <c>{"valid": true}</c>, or 403.</summary>
internal sealed class DatadogChecks(DatadogOptions options) : IntegrationCheck
{
    public static IReadOnlyList<IIntegrationCheck> For(DatadogOptions options) => [new DatadogChecks(options)];

    public override string Name => "API key";

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        Uri baseUrl;
        try
        {
            baseUrl = ApiBaseUrl.Resolve(options.ApiUrl ?? DatadogSite.ApiUrl(options.Site), "https://api.datadoghq.com", DatadogIntegration.ConfigKey);
        }
        catch (DeliveryConfigurationException error)
        {
            return CheckOutcome.Fail(error.Message, $"set site to one of {string.Join(", ", DatadogSite.Known)}");
        }

        using var http = context.ReadOnlyHttp(DatadogIntegration.ConfigKey, new Dictionary<string, string>
        {
            ["DD-API-KEY"] = context.Variable(DatadogIntegration.ApiKey.Name)!,
            ["Accept"] = "application/json",
        });
        var answer = await TrackerAnswer.SendAsync(http, new TrackerRequest(DatadogIntegration.ConfigKey, HttpMethod.Get, ApiBaseUrl.Combine(baseUrl, "/api/v1/validate").ToString(), context.Masker), null, cancellationToken)
            .ConfigureAwait(false);
        return answer.OptionalBoolean("valid") == true
            ? CheckOutcome.Pass($"{DatadogIntegration.ApiKey.Name} is valid at {baseUrl.Host}")
            : CheckOutcome.Fail($"{baseUrl.Host} did not call {DatadogIntegration.ApiKey.Name} valid", Fix(baseUrl.Host));
    }

    protected override string Fix(TrackerException error, CheckContext context) =>
        error.StatusCode == 403 ? Fix(options.Site) : base.Fix(error, context);

    // A key of another site is refused as invalid: the site is the other half of the answer.
    private static string Fix(string host) =>
        $"the key is not one of this site's ({host}): check site (EU accounts use datadoghq.eu) and copy an API key from Organization Settings → API Keys: gh secret set {DatadogIntegration.ApiKey.Name}";
}
