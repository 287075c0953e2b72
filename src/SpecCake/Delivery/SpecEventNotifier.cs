using System.Diagnostics;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Delivery;

/// <summary>
/// The delivery engine: sends one event to every enabled integration subscribed to it, all in
/// parallel (one failing or slow never holds up the rest), each through its own retry pipeline,
/// within <c>notifications.rate_limit</c>, and reports a summary. With dry-run it prints every
/// request instead. Every line it writes, and every reason it reports, is masked.
/// </summary>
public static class SpecEventNotifier
{
    // A reason is one cell of the summary; a delivery's own text (an exception message) may be longer.
    private const int MaxReasonLength = 1000;

    /// <summary>Notifies an event.</summary>
    /// <param name="config">The configuration (validated, <c>${VAR}</c> interpolated).</param>
    /// <param name="specEvent">The event.</param>
    /// <param name="options">Environment, log, dry-run and the rest; defaults when null.</param>
    /// <param name="cancellationToken">Cancels every delivery.</param>
    /// <returns>One result per target. Never throws for a delivery failure: check <see cref="DeliveryReport.HasFailures"/>.</returns>
    public static async Task<DeliveryReport> NotifyAsync(
        SpecCakeConfig config,
        SpecEvent specEvent,
        SpecEventNotifierOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(specEvent);
        options ??= new SpecEventNotifierOptions();

        var masker = SecretMasker.FromEnvironment(options.Environment);
        foreach (var secret in options.AdditionalSecrets)
        {
            masker.Add(secret);
        }

        var log = new MaskingLog(options.Log, masker);
        var time = options.TimeProvider;
        var identity = DeliveryIdentity.For(specEvent, options.Environment);

        // Plan everything first: every credential is registered with the masker before a line is written.
        var (results, planned) = Plan(config, specEvent, options, masker, identity);
        var stateFile = StateFilePath(config, options);
        var rerun = await RerunGate.OpenAsync(identity, stateFile, planned, options, results, log, cancellationToken).ConfigureAwait(false);
        planned = [.. rerun.Passed];

        var subject = specEvent.IsTest ? "a test message" : specEvent.Name + (specEvent.Spec is { } spec ? $" for {spec.Id}" : string.Empty);
        log.Write(DeliveryLogLevel.Information, $"Notifying {subject}: {planned.Count} deliver{(planned.Count == 1 ? "y" : "ies")}{(options.DryRun ? " (dry run: nothing is sent)" : string.Empty)}.");

        if (options.DryRun)
        {
            foreach (var delivery in planned)
            {
                log.Write(DeliveryLogLevel.Information, $"[dry run] {delivery.Target} would send:\n{delivery.Describe()}");
                results.Set(delivery, new DeliveryResult(delivery.Target, DeliveryStatus.DryRun, 0, TimeSpan.Zero, null));
            }
        }
        else
        {
            var gate = await RateLimitGate.OpenAsync(config.Notifications.RateLimit, stateFile, planned, options, results, log, masker, cancellationToken).ConfigureAwait(false);
            var delivered = new List<string>();
            try
            {
                using var http = ServiceHttp.CreateClient(ResponseLimits.Notification, options.RetryPolicy.ConnectTimeout);
                var context = new DeliveryContext(http, log, time) { Masker = masker, ServerCertificateValidation = options.ServerCertificateValidation };
                var sent = await Task.WhenAll(gate.Passed.Select(delivery => Task.Run(() => SendAsync(delivery, context, masker, cancellationToken), CancellationToken.None))).ConfigureAwait(false);
                foreach (var (delivery, result) in sent)
                {
                    results.Set(delivery, result);
                    if (result.Status == DeliveryStatus.Sent)
                    {
                        delivered.Add(delivery.Target);
                    }
                }
            }
            finally
            {
                // Also when the run is stopped: a send that did not finish uses up no slot.
                await gate.CloseAsync(delivered).ConfigureAwait(false);
            }

            await rerun.CloseAsync(delivered).ConfigureAwait(false);
        }

        var report = new DeliveryReport(specEvent, results.InOrder(), options.DryRun);
        log.Write(report.HasFailures ? DeliveryLogLevel.Warning : DeliveryLogLevel.Information, report.ToTable());
        WriteStepSummary(report, options.Environment, masker, log);
        return report;
    }

    private static (DeliveryResults Results, List<PlannedDelivery> Planned) Plan(
        SpecCakeConfig config, SpecEvent specEvent, SpecEventNotifierOptions options, SecretMasker masker, string? identity)
    {
        // Keyed by notifier or delivery, in registration order: the summary's order.
        var results = new DeliveryResults();
        var planned = new List<PlannedDelivery>();
        var policy = options.RetryPolicy with { AtLeastOnce = options.RetryPolicy.AtLeastOnce || config.Notifications.AtLeastOnce };
        var notifierContext = new NotifierContext(config, options.Environment, policy, masker) { EventIdentity = identity, DryRun = options.DryRun };
        var only = new HashSet<string>(options.Only, StringComparer.OrdinalIgnoreCase);
        var excluded = new HashSet<string>(options.Exclude, StringComparer.OrdinalIgnoreCase);
        var plans = new List<(INotifier Notifier, IReadOnlyList<PlannedDelivery>? Deliveries, Exception? Error)>();

        foreach (var notifier in options.Notifiers ?? NotifierCatalog.All)
        {
            var named = only.Contains(notifier.Name);
            if ((only.Count > 0 && !named && !only.Any(target => IsTargetOf(target, notifier.Name))) || excluded.Contains(notifier.Name) || !notifier.IsEnabled(config))
            {
                continue;
            }

            try
            {
                var deliveries = notifier.Plan(specEvent, notifierContext);
                // --only=webhooks/analytics keeps that endpoint alone; an excluded endpoint is left out.
                var kept = deliveries.Where(delivery => (only.Count == 0 || named || only.Contains(delivery.Target)) && !excluded.Contains(delivery.Target)).ToArray();
                if (deliveries.Count > 0 && kept.Length == 0)
                {
                    continue;
                }

                plans.Add((notifier, kept, null));
            }
#pragma warning disable CA1031 // One integration's broken configuration is reported as its failure, never the run's.
            catch (Exception error)
#pragma warning restore CA1031
            {
                plans.Add((notifier, null, error));
            }
        }

        foreach (var (notifier, deliveries, error) in plans)
        {
            if (error is not null)
            {
                var reason = error is DeliveryConfigurationException ? error.Message : $"{error.GetType().Name}: {error.Message}";
                results.Set(notifier, new DeliveryResult(notifier.Name, DeliveryStatus.Failed, 0, TimeSpan.Zero, masker.Apply(reason)));
            }
            else if (deliveries is null or { Count: 0 })
            {
                results.Set(notifier, new DeliveryResult(notifier.Name, DeliveryStatus.Skipped, 0, TimeSpan.Zero, $"not subscribed to {specEvent.Name}"));
            }
            else
            {
                foreach (var delivery in deliveries)
                {
                    results.Set(delivery, new DeliveryResult(delivery.Target, DeliveryStatus.Skipped, 0, TimeSpan.Zero, "not sent"));
                    planned.Add(delivery);
                }
            }
        }

        foreach (var (target, reason) in options.NotSent)
        {
            results.Set(target, new DeliveryResult(target, DeliveryStatus.Skipped, 0, TimeSpan.Zero, reason));
        }

        return (results, planned);
    }

    // "webhooks/analytics" names a destination of "webhooks".
    private static bool IsTargetOf(string target, string notifier) =>
        target.Length > notifier.Length && target[notifier.Length] == '/' && target.StartsWith(notifier, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the rate-limit state lives: <c>state_file</c>, relative to the config file.</summary>
    internal static string StateFilePath(SpecCakeConfig config, SpecEventNotifierOptions options)
    {
        var stateFile = config.Notifications.StateFile;
        if (Path.IsPathRooted(stateFile))
        {
            return stateFile;
        }

        var baseDirectory = (config.SourceFile is { } source ? Path.GetDirectoryName(Path.GetFullPath(source)) : null)
            ?? options.BaseDirectory
            ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(baseDirectory, stateFile));
    }

    private static async Task<(PlannedDelivery Delivery, DeliveryResult Result)> SendAsync(
        PlannedDelivery delivery, DeliveryContext context, SecretMasker masker, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        DeliveryOutcome outcome;
        try
        {
            outcome = await delivery.SendAsync(context, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A delivery's unexpected exception is its failure, reported in the summary; the others go on.
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            outcome = DeliveryOutcome.Failed(1, $"{error.GetType().Name}: {error.Message}");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var result = outcome.Delivered
            ? new DeliveryResult(delivery.Target, DeliveryStatus.Sent, outcome.Attempts, elapsed, null)
            : new DeliveryResult(delivery.Target, DeliveryStatus.Failed, outcome.Attempts, elapsed, masker.Shorten(outcome.Reason ?? "failed", MaxReasonLength));

        context.Log.Write(
            outcome.Delivered ? DeliveryLogLevel.Information : DeliveryLogLevel.Error,
            outcome.Delivered ? $"{delivery.Target}: sent." : $"{delivery.Target}: failed: {result.Reason}");
        return (delivery, result);
    }

    private static void WriteStepSummary(DeliveryReport report, IReadOnlyDictionary<string, string?> environment, SecretMasker masker, MaskingLog log)
    {
        if (GitHubActions.AppendStepSummary(GitHubActions.Reader(environment), masker.Apply(report.ToMarkdown()) + "\n") is { } problem)
        {
            log.Write(DeliveryLogLevel.Warning, $"Could not write the step summary: {problem}");
        }
    }
}
