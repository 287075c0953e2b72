using SpecCake.Configuration;
using SpecCake.Integrations;

namespace SpecCake.Checks;

/// <summary>
/// Runs CheckIntegrations: for each subject (an enabled integration, or ImplementSpec's setup) its
/// checks in order, a check whose prerequisite failed skipped; subjects side by side, so one slow
/// service does not hold up the others. A check that throws is a failed row, never a stopped run.
/// </summary>
internal static class IntegrationChecks
{
    /// <summary>The subjects of <paramref name="config"/>: every enabled integration, its secrets check first.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="missing">What reading the configuration found missing.</param>
    public static IEnumerable<CheckSubject> Subjects(SpecCakeConfig config, IReadOnlyList<MissingSecret> missing) =>
        IntegrationCatalog.All
            .Where(descriptor => descriptor.IsEnabled(config))
            .Select(descriptor => new CheckSubject(
                descriptor.Key,
                () => [new SecretsCheck(descriptor, missing), .. descriptor.Checks(descriptor.OptionsIn(config)!)]));

    /// <summary>Runs every subject's checks.</summary>
    public static async Task<CheckReport> RunAsync(IReadOnlyList<CheckSubject> subjects, CheckContext context, CancellationToken cancellationToken)
    {
        var runs = subjects.Select(subject => RunAsync(subject, context, cancellationToken)).ToList();
        var rows = await Task.WhenAll(runs).ConfigureAwait(false);
        return new CheckReport([.. rows.SelectMany(list => list)]);
    }

    private static async Task<List<CheckRow>> RunAsync(CheckSubject subject, CheckContext context, CancellationToken cancellationToken)
    {
        var rows = new List<CheckRow>();
        var checks = subject.Checks();
        string? blocked = null;
        try
        {
            foreach (var check in checks)
            {
                var outcome = blocked is not null
                    ? CheckOutcome.Skip($"needs {blocked} to pass")
                    : await RunOneAsync(check, context, cancellationToken).ConfigureAwait(false);
                rows.Add(new CheckRow(subject.Name, check.Name, Masked(outcome, context)));
                if (blocked is null && check.IsPrerequisite && outcome.Result == CheckResult.Failed)
                {
                    blocked = check.Name;
                }
            }
        }
        finally
        {
            foreach (var disposable in checks.OfType<IDisposable>())
            {
                disposable.Dispose();
            }
        }

        return rows;
    }

    private static async Task<CheckOutcome> RunOneAsync(IIntegrationCheck check, CheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await check.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bug or an answer no reader expected: shown as this check's failure, the others still run.
            return CheckOutcome.Fail($"{error.GetType().Name}: {error.Message}", "report it, with this line, to SpecCake's maintainers");
        }
    }

    // Checks word their outcomes without secrets; the masker is the second line of defence.
    private static CheckOutcome Masked(CheckOutcome outcome, CheckContext context) =>
        outcome with { Detail = context.Masker.Apply(outcome.Detail), Fix = outcome.Fix is null ? null : context.Masker.Apply(outcome.Fix) };
}

/// <summary>What CheckIntegrations checks under one name: an integration, or ImplementSpec's setup.</summary>
/// <param name="Name">The table's integration column and <c>--only</c>'s name.</param>
/// <param name="Checks">Creates its checks, in the order they run.</param>
internal sealed record CheckSubject(string Name, Func<IReadOnlyList<IIntegrationCheck>> Checks);
