using SpecCake.Checks;

namespace SpecCake.Integrations.PagerDuty;

/// <summary>
/// PagerDuty's Events API has no read endpoint for a routing key, and a test event would page
/// someone: the key's shape (32 letters and digits) is what can be checked without sending.
/// </summary>
internal sealed class PagerDutyChecks : IIntegrationCheck
{
    public static IReadOnlyList<IIntegrationCheck> For() => [new PagerDutyChecks()];

    public string Name => "routing key";

    public bool IsPrerequisite => false;

    public Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var key = context.Variable(PagerDutyIntegration.RoutingKey.Name)!;
        return Task.FromResult(key.Length == 32 && key.All(char.IsAsciiLetterOrDigit)
            ? CheckOutcome.Pass("shaped as an Events API v2 routing key (32 letters and digits); nothing is sent to check it further")
            : CheckOutcome.Warn(
                $"{PagerDutyIntegration.RoutingKey.Name} is {key.Length} characters{(key.All(char.IsAsciiLetterOrDigit) ? string.Empty : " with other than letters and digits")}; Events API v2 routing keys are 32 letters and digits (its value is not shown)",
                $"copy the Integration Key of the service's Events API v2 integration again: gh secret set {PagerDutyIntegration.RoutingKey.Name}"));
    }
}
