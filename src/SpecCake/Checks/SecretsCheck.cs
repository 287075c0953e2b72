using SpecCake.Configuration;
using SpecCake.Integrations;

namespace SpecCake.Checks;

/// <summary>
/// Everyone's first check: the secrets the integration needs with its options are set. What is
/// missing is what reading the configuration found (<see cref="IntegrationDescriptor.SecretProblems"/>
/// and every <c>${VAR}</c> of the block), worded as every task words it, with the command that sets each.
/// </summary>
internal sealed class SecretsCheck(IntegrationDescriptor descriptor, IReadOnlyList<MissingSecret> missing) : IIntegrationCheck
{
    public string Name => "secrets";

    public bool IsPrerequisite => true;

    public Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var mine = missing.Where(secret => secret.Integration == descriptor.Key).ToList();
        if (mine.Count == 0)
        {
            var set = descriptor.Variables.Where(variable => context.Variable(variable.Name) is not null).Select(variable => variable.Name).ToList();
            return Task.FromResult(CheckOutcome.Pass(set.Count == 0 ? "every secret it needs is set" : "set: " + string.Join(", ", set)));
        }

        var messages = mine.Select(secret => secret.Error?.Message ?? $"{secret.Variable} is not set").Distinct(StringComparer.Ordinal);
        var names = mine.Select(secret => secret.Variable).Distinct(StringComparer.Ordinal);
        return Task.FromResult(CheckOutcome.Fail(string.Join("; ", messages), string.Join("; ", names.Select(SetupCommand))));
    }

    /// <summary>How a secret is added to the repository: <c>gh secret set NAME</c>.</summary>
    public static string SetupCommand(string name) => "gh secret set " + name;
}
