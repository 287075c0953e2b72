using SpecCake.Checks;

namespace SpecCake.Integrations.Sentry;

/// <summary>
/// A DSN takes no read request (only events, which would show up as issues): its parts are what can
/// be checked without sending; the secrets check already refused one that is not a DSN.
/// </summary>
internal sealed class SentryChecks : IIntegrationCheck
{
    public static IReadOnlyList<IIntegrationCheck> For() => [new SentryChecks()];

    public string Name => "DSN";

    public bool IsPrerequisite => false;

    public Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var dsn = SentryDsn.Parse(context.Variable(SentryIntegration.Dsn.Name)!);
        return Task.FromResult(dsn.ProjectId.All(char.IsAsciiDigit)
            ? CheckOutcome.Pass($"project {dsn.ProjectId} at {dsn.Host}; nothing is sent to check it further")
            : CheckOutcome.Warn(
                $"the DSN's project \"{dsn.ProjectId}\" at {dsn.Host} is not a number, as Sentry's project IDs are",
                $"copy the DSN from Sentry → Project Settings → Client Keys (DSN): gh secret set {SentryIntegration.Dsn.Name}"));
    }
}
