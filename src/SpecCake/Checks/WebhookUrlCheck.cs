namespace SpecCake.Checks;

/// <summary>
/// The shape of a chat service's incoming webhook URL, for services that offer no read endpoint to
/// ask (Slack, Teams): its host is the service's and its path has the parts a real one has. Another
/// host is a warning (a proxy or a test server may stand in); a service host with a malformed path is
/// a failure. The URL is a credential: only its host is ever shown.
/// </summary>
/// <param name="variable">The secret holding the URL.</param>
/// <param name="service">The service's name, e.g. <c>Slack</c>.</param>
/// <param name="shape">What a real URL looks like, for messages (no secret).</param>
/// <param name="isServiceHost">Whether a host is one of the service's.</param>
/// <param name="hasServicePath">Whether a path (on the service's host) is well formed.</param>
internal sealed class WebhookUrlCheck(string variable, string service, string shape, Func<string, bool> isServiceHost, Func<string, bool> hasServicePath) : IIntegrationCheck
{
    public string Name => "webhook URL";

    public bool IsPrerequisite => false;

    public Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        // The secrets check ran first: the variable is set and is an https (or loopback http) URL.
        var url = new Uri(context.Variable(variable)!);
        if (!isServiceHost(url.Host))
        {
            return Task.FromResult(CheckOutcome.Warn(
                $"{variable} points at {url.Host}, not at {service}; {service}'s look like {shape} (a proxy or a test server may stand in)",
                $"if that is not intended, paste the URL {service} gave you again: gh secret set {variable}"));
        }

        return Task.FromResult(hasServicePath(url.AbsolutePath)
            ? CheckOutcome.Pass($"{url.Host}, shaped as {service}'s incoming webhooks ({service} has no read endpoint: TestIntegrations sends a marked test message)")
            : CheckOutcome.Fail(
                $"{variable} is on {url.Host} but is not shaped as {shape} (its value is not shown): part of it is missing",
                $"copy the whole URL from {service} again: gh secret set {variable}"));
    }
}
