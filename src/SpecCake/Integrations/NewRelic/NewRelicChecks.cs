using SpecCake.Checks;

namespace SpecCake.Integrations.NewRelic;

/// <summary>
/// New Relic's Event API has no read endpoint for an ingest key: the account ID and the key's shape are
/// what can be checked without sending. An ingest license key is 40 characters (ending in <c>NRAL</c>);
/// a user key (<c>NRAK-…</c>) cannot send events.
/// </summary>
internal sealed class NewRelicChecks(NewRelicOptions options) : IIntegrationCheck
{
    public static IReadOnlyList<IIntegrationCheck> For(NewRelicOptions options) => [new NewRelicChecks(options)];

    public string Name => "license key";

    public bool IsPrerequisite => false;

    public Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var account = options.AccountId?.Trim() ?? string.Empty;
        if (account.Length == 0 || !account.All(char.IsAsciiDigit))
        {
            return Done(CheckOutcome.Fail($"account_id \"{account}\" is not a New Relic account ID (digits)", "set account_id to the number under the account's name in New Relic"));
        }

        var key = context.Variable(NewRelicIntegration.ApiKey.Name)!;
        if (key.StartsWith("NRAK-", StringComparison.Ordinal))
        {
            return Done(CheckOutcome.Fail(
                $"{NewRelicIntegration.ApiKey.Name} is a user key (NRAK-…), which cannot send events",
                $"create an Ingest - License key (New Relic → API Keys) and set it: gh secret set {NewRelicIntegration.ApiKey.Name}"));
        }

        return Done(key.Length == 40 && key.All(char.IsAsciiLetterOrDigit)
            ? CheckOutcome.Pass($"account {account}; {NewRelicIntegration.ApiKey.Name} is shaped as an ingest license key; nothing is sent to check it further")
            : CheckOutcome.Warn(
                $"{NewRelicIntegration.ApiKey.Name} is {key.Length} characters; an ingest license key is 40 letters and digits (its value is not shown)",
                $"use an Ingest - License key: gh secret set {NewRelicIntegration.ApiKey.Name}"));
    }

    private static Task<CheckOutcome> Done(CheckOutcome outcome) => Task.FromResult(outcome);
}
