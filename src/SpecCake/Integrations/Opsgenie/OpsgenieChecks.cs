using SpecCake.Checks;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Opsgenie;

/// <summary>
/// The key works: <c>GET /v2/alerts?limit=1</c> reads without creating anything. An API integration key
/// without the Read access right is refused with 403 although it can create alerts, so that is a
/// warning that says so, not a failure; 401 is a key Opsgenie does not know.
/// </summary>
internal sealed class OpsgenieChecks(OpsgenieOptions options) : IntegrationCheck
{
    public static IReadOnlyList<IIntegrationCheck> For(OpsgenieOptions options) => [new OpsgenieChecks(options)];

    public override string Name => "API key";

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var baseUrl = ApiBaseUrl.Resolve(options.ApiUrl, OpsgenieNotifier.DefaultApiUrl, OpsgenieIntegration.ConfigKey);
        using var http = context.ReadOnlyHttp(OpsgenieIntegration.ConfigKey, new Dictionary<string, string>
        {
            ["Authorization"] = "GenieKey " + context.Variable(OpsgenieIntegration.ApiKey.Name),
            ["Accept"] = "application/json",
        });
        try
        {
            await http.SendAsync(HttpMethod.Get, ApiBaseUrl.Combine(baseUrl, "/v2/alerts?limit=1").ToString(), null, cancellationToken).ConfigureAwait(false);
            return CheckOutcome.Pass($"{OpsgenieIntegration.ApiKey.Name} is accepted at {baseUrl.Host} (it may read alerts)");
        }
        catch (TrackerException error) when (error.StatusCode == 403)
        {
            return CheckOutcome.Warn(
                $"{baseUrl.Host} knows the key, but it has no Read access right, so nothing can be checked without creating an alert",
                "nothing to do if the integration's access rights include Create and Update; TestIntegrations --only=opsgenie sends a marked test alert");
        }
    }

    protected override string Fix(TrackerException error, CheckContext context) => error.StatusCode == 401
        ? $"Opsgenie does not know the key (EU accounts set api_url: https://api.eu.opsgenie.com): copy the API integration's key again: gh secret set {OpsgenieIntegration.ApiKey.Name}"
        : base.Fix(error, context);
}
