using SpecCake.Checks;

namespace SpecCake.Integrations.Webhooks;

/// <summary>
/// A webhook endpoint is anyone's server: nothing can be read from it without sending. What is
/// checked is each endpoint's URL (well formed, https or a loopback host: the configuration already
/// refused anything else) and whether it is signed.
/// </summary>
internal sealed class WebhooksChecks(WebhooksOptions options) : IIntegrationCheck
{
    public static IReadOnlyList<IIntegrationCheck> For(WebhooksOptions options) => [new WebhooksChecks(options)];

    public string Name => "endpoints";

    public bool IsPrerequisite => false;

    public Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var endpoints = options.Endpoints
            .Select(endpoint => $"{endpoint.Name} → {(Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) ? url.Host : "?")}{(string.IsNullOrEmpty(endpoint.Secret) ? string.Empty : " (signed)")}")
            .ToList();
        return Task.FromResult(CheckOutcome.Pass(
            $"{string.Join(", ", endpoints)}; an endpoint is anyone's server, so nothing is sent to check it: TestIntegrations sends a marked test event"));
    }
}
