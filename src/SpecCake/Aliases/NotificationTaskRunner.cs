using Cake.Core;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;
using SpecCake.Integrations;
using SpecCake.Trackers;

namespace SpecCake.Aliases;

/// <summary>
/// The glue behind the NotifySpecEvent and TestIntegrations aliases, free of Cake's context so
/// it can be tested: load, build the event, notify, decide the task's fate.
/// </summary>
/// <param name="inputs">Configuration and spec loading.</param>
/// <param name="host">Working directory, environment, log, dry-run flag and clock of the running task.</param>
internal sealed class NotificationTaskRunner(NotificationInputs inputs, NotificationHost host)
{
    public const string DefaultConfigFile = "specs.config.yaml";

    /// <summary>Runs NotifySpecEvent.</summary>
    /// <exception cref="CakeException">A bad argument, a secret the event needs that is not set, or a failed delivery with <c>fail_on_error</c>.</exception>
    public DeliveryReport Notify(NotifySpecEventSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = inputs.LoadConfig(ConfigPath(settings.ConfigFile?.FullPath), host.Environment, host.Log);
        var config = loaded.Config;
        var arguments = new SpecEventArguments
        {
            Event = settings.Event,
            Spec = settings.Spec,
            Pr = settings.Pr,
            PrUrl = settings.PrUrl,
            Branch = settings.Branch,
            Error = settings.Error,
            LogsUrl = settings.LogsUrl,
            Reviewers = [.. settings.Reviewers],
            Duration = settings.Duration,
        };

        // validation_failed without --spec needs no spec files.
        var specs = arguments.Spec is null && arguments.Event == "validation_failed" ? [] : inputs.LoadSpecs(config);
        var specEvent = CreateEvent(arguments, specs);
        var dryRun = settings.DryRun ?? host.DryRun;
        var missing = ProjectInputs.RequireSecrets(loaded, IntegrationNeed.ForEvent(config, specEvent), "NotifySpecEvent", dryRun, host.Log);
        var (report, trackers) = Send(config, loaded.Secrets, specEvent, dryRun);
        ProjectInputs.ListMissing(missing, host.Log);
        if (trackers is { HasFailures: true } && config.Notifications.FailOnError)
        {
            throw new CakeException($"NotifySpecEvent: {report.Event.Name} could not be applied to every tracker; see the lines above.");
        }

        return Finish(config.Notifications.FailOnError, "NotifySpecEvent", report);
    }

    /// <summary>
    /// Sends one event for a caller that has already loaded the configuration and the specs
    /// (ImplementSpec sends three in one run): every subscribed integration, then the trackers the
    /// event drives. Failures are reported, never thrown: the caller decides the task's fate.
    /// </summary>
    /// <param name="config">The configuration.</param>
    /// <param name="secrets">Values to mask besides the known credentials.</param>
    /// <param name="specs">The specs (the event's is looked up by ID or path).</param>
    /// <param name="arguments">The event, as NotifySpecEvent's arguments.</param>
    /// <param name="dryRun">Preview only; the running Cake's flag when null.</param>
    /// <exception cref="CakeException">A bad argument (unknown event or spec).</exception>
    public (DeliveryReport Report, TrackerSyncSummary? Trackers) Send(
        Configuration.SpecCakeConfig config, IReadOnlyCollection<string> secrets, IReadOnlyList<Specs.Spec> specs, SpecEventArguments arguments, bool? dryRun)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(arguments);
        return Send(config, secrets, CreateEvent(arguments, specs), dryRun ?? host.DryRun);
    }

    private (DeliveryReport Report, TrackerSyncSummary? Trackers) Send(Configuration.SpecCakeConfig config, IReadOnlyCollection<string> secrets, SpecEvent specEvent, bool dryRun)
    {
        var report = Run(config, secrets, specEvent, dryRun, []);
        return (report, SyncTrackers(config, specEvent, dryRun));
    }

    private SpecEvent CreateEvent(SpecEventArguments arguments, IReadOnlyList<Specs.Spec> specs)
    {
        try
        {
            return SpecEventFactory.Create(arguments, specs, host.Environment, host.TimeProvider.GetUtcNow());
        }
        catch (SpecEventArgumentException error)
        {
            throw new CakeException(error.Message);
        }
    }

    /// <summary>
    /// The trackers' "auto-create", "status sync" and "link to PR" (docs/design/integrations.md#events): spec_created, spec_approved,
    /// pr_created and pr_merged also reconcile the spec into every enabled tracker.
    /// </summary>
    private TrackerSyncSummary? SyncTrackers(Configuration.SpecCakeConfig config, SpecEvent specEvent, bool dryRun)
    {
        if (specEvent.Spec is not { } spec || !TrackerSync.DrivesTrackers(specEvent.Kind) || TrackerSync.EnabledTrackers(config).Count == 0)
        {
            return null;
        }

        var summary = TrackerSync.ApplyEventAsync(
            config, host.Environment, spec, specEvent.Kind, specEvent.PullRequest,
            new TrackerSyncOptions { DryRun = dryRun, TimeProvider = host.TimeProvider }).GetAwaiter().GetResult();
        foreach (var line in summary.Render().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            host.Log.Write(line.Contains(" FAILED", StringComparison.Ordinal) ? DeliveryLogLevel.Error : DeliveryLogLevel.Information, line);
        }

        return summary;
    }

    /// <summary>
    /// Sends <c>validation_failed</c> (the errors, their files and the repository) to every
    /// integration subscribed to it. A failed delivery is only a warning here: the task fails
    /// anyway because the specs are invalid.
    /// </summary>
    /// <param name="config">The (valid) configuration.</param>
    /// <param name="secrets">Values to mask besides the known credentials.</param>
    /// <param name="errors">Every validation error.</param>
    /// <param name="excluded">Integrations or destinations left out (their secret is not set).</param>
    public DeliveryReport NotifyValidationFailed(
        Configuration.SpecCakeConfig config, IReadOnlyCollection<string> secrets, IReadOnlyList<Validation.ValidationError> errors, IReadOnlyCollection<string> excluded)
    {
        var specEvent = SpecEvent.ValidationFailed(
            errors,
            RepositoryReference.Parse(host.Environment.GetValueOrDefault("GITHUB_REPOSITORY")),
            host.TimeProvider.GetUtcNow());
        return Finish(failOnError: false, "ValidateSpecs", Run(config, secrets, specEvent, dryRun: host.DryRun, [], excluded));
    }

    /// <summary>Runs TestIntegrations.</summary>
    /// <exception cref="CakeException">A failed delivery, an unknown <c>--only</c> name, or a secret a tested integration needs that is not set.</exception>
    public DeliveryReport Test(TestIntegrationsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = inputs.LoadConfig(ConfigPath(settings.ConfigFile?.FullPath), host.Environment, host.Log);
        var config = loaded.Config;
        var only = settings.Only
            .SelectMany(entry => entry.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

        // Any integration's key, and the destinations of the enabled ones (webhooks/<name>, datadog/metrics).
        var known = IntegrationCatalog.All.Select(descriptor => descriptor.Key)
            .Concat(IntegrationCatalog.All.Where(descriptor => descriptor.IsEnabled(config))
                .SelectMany(descriptor => descriptor.Targets(descriptor.OptionsIn(config)!).Select(target => target.Name)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var unknown = only.Where(name => !known.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new CakeException($"--only: unknown integration {string.Join(", ", unknown)}; valid names: {string.Join(", ", known)}.");
        }

        var dryRun = settings.DryRun ?? host.DryRun;
        var missing = ProjectInputs.RequireSecrets(loaded, IntegrationNeed.ForTest(config, only), "TestIntegrations", dryRun, host.Log);

        // A tracker gets no test message: it is not left out silently, the summary says how to check it.
        var trackers = IntegrationCatalog.Trackers
            .Where(tracker => tracker.IsEnabled(config) && (only.Count == 0 || only.Contains(tracker.Key, StringComparer.OrdinalIgnoreCase)))
            .Select(tracker => (tracker.Key, "a tracker gets no test message: CheckIntegrations checks it, read-only"))
            .ToList();
        var specEvent = SpecEvent.Test(
            RepositoryReference.Parse(host.Environment.GetValueOrDefault("GITHUB_REPOSITORY")),
            host.TimeProvider.GetUtcNow());
        var report = Run(config, loaded.Secrets, specEvent, dryRun, only, notSent: trackers);
        if (report.Results.Count == 0)
        {
            host.Log.Write(DeliveryLogLevel.Warning, "TestIntegrations: no enabled integration" + (only.Count > 0 ? " among --only " + string.Join(", ", only) : string.Empty) + ".");
        }

        ProjectInputs.ListMissing(missing, host.Log);

        // A test exists to show failures: it fails whenever a channel fails.
        return Finish(failOnError: true, "TestIntegrations", report);
    }

    private DeliveryReport Run(
        Configuration.SpecCakeConfig config, IReadOnlyCollection<string> secrets, SpecEvent specEvent, bool dryRun, IReadOnlyCollection<string> only,
        IReadOnlyCollection<string>? excluded = null, IReadOnlyList<(string Target, string Reason)>? notSent = null) =>
        SpecEventNotifier.NotifyAsync(config, specEvent, new SpecEventNotifierOptions
        {
            Environment = host.Environment,
            Log = host.Log,
            DryRun = dryRun,
            BaseDirectory = host.WorkingDirectory,
            TimeProvider = host.TimeProvider,
            RetryPolicy = host.RetryPolicy ?? RetryPolicy.Default,
            Only = only,
            Exclude = excluded ?? [],
            NotSent = notSent ?? [],
            AdditionalSecrets = secrets,
        }).GetAwaiter().GetResult();

    private DeliveryReport Finish(bool failOnError, string task, DeliveryReport report)
    {
        if (!report.HasFailures)
        {
            return report;
        }

        var failures = string.Join("; ", report.Failures.Select(failure => $"{failure.Target}: {failure.Reason}"));
        var message = $"{task}: {report.Failures.Count()} deliver{(report.Failures.Count() == 1 ? "y" : "ies")} failed ({failures}).";
        if (failOnError)
        {
            throw new CakeException(message);
        }

        host.Log.Write(DeliveryLogLevel.Warning, message + " notifications.fail_on_error is false: continuing.");
        return report;
    }

    private string ConfigPath(string? given) =>
        Path.GetFullPath(Path.Combine(host.WorkingDirectory, given ?? DefaultConfigFile));
}

/// <summary>What the running task provides.</summary>
/// <param name="WorkingDirectory">Where <c>specs.config.yaml</c> is looked for.</param>
/// <param name="Environment">Environment variables.</param>
/// <param name="Log">The log (the engine masks before writing).</param>
/// <param name="DryRun">Whether Cake runs with <c>--dryrun</c>/<c>--noop</c>/<c>--whatif</c>.</param>
/// <param name="TimeProvider">The clock.</param>
/// <param name="RetryPolicy">The retry policy; <see cref="RetryPolicy.Default"/> when null.</param>
internal sealed record NotificationHost(
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    IDeliveryLog Log,
    bool DryRun,
    TimeProvider TimeProvider,
    RetryPolicy? RetryPolicy = null);
