using Cake.Core;
using Octokit;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;
using SpecCake.Implementation;
using SpecCake.Integrations;

namespace SpecCake.Aliases;

/// <summary>
/// The glue behind the ImplementSpec alias, free of Cake's context so it can be tested: load the
/// configuration and the specs, find the spec, run <see cref="ImplementationRun"/> with its
/// events going through the delivery engine, and decide the task's fate.
/// </summary>
/// <param name="inputs">Configuration and spec loading.</param>
/// <param name="host">Working directory, environment, log, dry-run flag, clock and retry policy of the running task.</param>
/// <param name="gitHubClient">Makes the Octokit client; <see cref="GitHubConnection.Create"/> when null.</param>
internal sealed class ImplementSpecTaskRunner(NotificationInputs inputs, NotificationHost host, Func<Uri, string, IGitHubClient>? gitHubClient = null)
{
    /// <summary>The events ImplementSpec sends; their subscribers (and the trackers, for pr_created) are what it needs secrets for.</summary>
    internal static readonly SpecEventKind[] ImplementationEvents =
        [SpecEventKind.ImplementationStarted, SpecEventKind.PrCreated, SpecEventKind.ImplementationCompleted, SpecEventKind.ImplementationFailed];

    /// <summary>Runs ImplementSpec.</summary>
    /// <exception cref="CakeException">A refusal, a failed implementation, or a failed delivery with <c>fail_on_error</c>.</exception>
    public ImplementationResult Run(ImplementSpecSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Spec))
        {
            throw new CakeException("ImplementSpec needs --spec=<ID or path>, e.g. --spec=FEAT-0001.");
        }

        var configPath = Path.GetFullPath(Path.Combine(host.WorkingDirectory, settings.ConfigFile?.FullPath ?? NotificationTaskRunner.DefaultConfigFile));

        var loaded = inputs.LoadConfig(configPath, host.Environment, host.Log);
        var (config, secrets) = (loaded.Config, loaded.Secrets);
        var dryRun = settings.DryRun ?? host.DryRun;
        // The integrations its events reach (trackers too: pr_created links the pull request); GitHub's
        // token and the agent's key are the preflight's to check.
        var missing = ProjectInputs.RequireSecrets(loaded, IntegrationNeed.ForEvents(config, ImplementationEvents, withSpec: true), "ImplementSpec", dryRun, host.Log);
        var specs = inputs.LoadSpecs(config);
        Specs.Spec spec;
        try
        {
            // The same lookup as NotifySpecEvent's --spec (ID in any case, or the file's path).
            spec = SpecEventFactory.Create(new SpecEventArguments { Event = "implementation_started", Spec = settings.Spec }, specs, host.Environment, host.TimeProvider.GetUtcNow()).Spec!;
        }
        catch (SpecEventArgumentException error)
        {
            throw new CakeException(error.Message);
        }

        var notifications = new NotificationTaskRunner(inputs, host);
        var run = new ImplementationRun(
            new ImplementationRequest(config, secrets, spec, settings.Force, dryRun, settings.Restart),
            new ImplementationHost(
                Path.GetDirectoryName(configPath)!,
                host.Environment,
                host.Log,
                new DeliveryImplementationEvents(notifications, config, secrets, specs),
                host.TimeProvider,
                host.RetryPolicy ?? RetryPolicy.Default,
                gitHubClient ?? GitHubConnection.Create));

        ImplementationResult result;
        try
        {
            result = run.RunAsync().GetAwaiter().GetResult();
        }
        catch (ImplementationException refusal)
        {
            throw new CakeException($"ImplementSpec: {refusal.Message}");
        }

        ProjectInputs.ListMissing(missing, host.Log);
        if (!result.Succeeded)
        {
            throw new CakeException($"ImplementSpec: {spec.Id} was not implemented: {result.Error} (implementation_failed was sent; see {result.Artifacts}/).");
        }

        var failed = result.Events.Where(sent => sent.Failed > 0).ToList();
        if (failed.Count > 0)
        {
            var message = $"ImplementSpec: {spec.Id} was implemented (PR #{result.PullRequest?.Number}), but {string.Join(", ", failed.Select(sent => sent.Event))} could not be delivered everywhere: {string.Join("; ", failed.SelectMany(sent => sent.Failures))}.";
            if (config.Notifications.FailOnError)
            {
                throw new CakeException(message);
            }

            host.Log.Write(DeliveryLogLevel.Warning, message + " notifications.fail_on_error is false: continuing.");
        }

        return result;
    }
}
