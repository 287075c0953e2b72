using System.Diagnostics;
using System.Globalization;
using Octokit;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Specs;

namespace SpecCake.Implementation;

/// <summary>
/// One ImplementSpec run (contract §7), free of Cake so it can be tested. In order: refuse what
/// cannot work (a spec that is not approved, a dirty tree, a missing CLI or secret) before
/// anything happens; <c>implementation_started</c>; create or reset the spec branch from the base;
/// agent and verify rounds, each failure fed back, up to <c>max_attempts</c>; commit, push, open or
/// update the pull request, <c>pr_created</c>, <c>implementation_completed</c>. Any failure after
/// the start sends <c>implementation_failed</c> and pushes nothing (a push whose pull request
/// GitHub refused is undone). A dry run prints the plan, the prompt and the commands and
/// changes and sends nothing.
/// </summary>
internal sealed class ImplementationRun(ImplementationRequest request, ImplementationHost host)
{
    private readonly ImplementationOptions options = request.Config.Implementation;
    private readonly Spec spec = request.Spec;

    /// <summary>Runs it. Refusals throw; failures after the start are in the result (and were notified).</summary>
    /// <exception cref="ImplementationException">A refusal: nothing was changed or sent.</exception>
    public async Task<ImplementationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var masker = Masker();
        var log = new MaskedLog(host.Log, masker);
        var started = Stopwatch.GetTimestamp();

        var preflight = await new ImplementationPreflight(request, host).CheckAsync(masker, cancellationToken).ConfigureAwait(false);
        if (request.DryRun)
        {
            var baseBranch = options.Base ?? await preflight.Git.DefaultBranchAsync(cancellationToken).ConfigureAwait(false) ?? "(the repository's default branch)";
            log.Write(DeliveryLogLevel.Information, ImplementationPlan.Describe(request, preflight, baseBranch));
            return new ImplementationResult { Spec = spec, Branch = preflight.Branch, Base = baseBranch, Agent = preflight.Agent.Name, DryRun = true, Succeeded = true };
        }

        var publisher = new PullRequestPublisher(host.GitHubClient(preflight.ApiUrl, preflight.Token), preflight.Repository, host.RetryPolicy, host.TimeProvider, masker);
        // Read-only, and independent of the GitHub call: what the spec branch holds on origin now.
        var previous = preflight.Git.RemoteBranchAsync(preflight.Branch, cancellationToken);
        // Also the last refusal: a token GitHub will not take is found before any work is done.
        var defaultBranch = await publisher.DefaultBranchAsync(cancellationToken).ConfigureAwait(false);
        var baseName = options.Base ?? defaultBranch;

        var events = new List<SentEvent>();
        var attempts = new List<ImplementationAttempt>();
        string? commit = null;
        PublishedPullRequest? pullRequest = null;
        string? error = null;

        log.Write(DeliveryLogLevel.Information, $"ImplementSpec: {spec.Id} ({spec.Status.ToString().ToLowerInvariant()}) on {preflight.Branch} from {baseName}, agent {preflight.Agent.Name}, up to {options.MaxAttempts} attempt(s).");
        // Delivered while the work starts; the next event waits for it, so the order holds.
        var startedEvent = Task.Run(() => host.Events.Send(Arguments("implementation_started", preflight.Branch)), CancellationToken.None);
        using var runLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        runLimit.CancelAfter(Minutes(options.TimeoutMinutes));
        try
        {
            preflight.Workspace.ResetArtifacts();
            (commit, pullRequest) = await ImplementAsync(preflight, publisher, baseName, await previous.ConfigureAwait(false), attempts, log, runLimit.Token).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            events.Add(await startedEvent.ConfigureAwait(false));
            events.Add(host.Events.Send(Arguments("pr_created", preflight.Branch) with { Pr = pullRequest.Number, PrUrl = pullRequest.Url }));
            events.Add(host.Events.Send(Arguments("implementation_completed", preflight.Branch) with { Pr = pullRequest.Number, PrUrl = pullRequest.Url, Duration = elapsed.TotalSeconds }));
        }
        catch (Exception exception) when (exception is ImplementationException or OperationCanceledException)
        {
            error = exception is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? string.Create(CultureInfo.InvariantCulture, $"the run's time limit (timeout_minutes: {options.TimeoutMinutes}) was reached")
                : masker.Apply(exception.Message);
            log.Write(DeliveryLogLevel.Error, $"ImplementSpec: {spec.Id} failed: {error}");
            if (events.Count == 0)
            {
                events.Add(await startedEvent.ConfigureAwait(false));
            }

            events.Add(host.Events.Send(Arguments("implementation_failed", preflight.Branch) with
            {
                Error = ImplementationText.Line(error, 300),
                Duration = Stopwatch.GetElapsedTime(started).TotalSeconds,
            }));
        }

        var result = new ImplementationResult
        {
            Spec = spec,
            Branch = preflight.Branch,
            Base = baseName,
            Agent = preflight.Agent.Name,
            Succeeded = error is null,
            Error = error,
            Attempts = attempts,
            Commit = commit,
            PullRequest = pullRequest,
            Events = events,
            Duration = Stopwatch.GetElapsedTime(started),
            Artifacts = preflight.Workspace.ArtifactsRelative,
        };
        Report(result, masker, log);
        return result;
    }

    private async Task<(string Commit, PublishedPullRequest PullRequest)> ImplementAsync(
        Preflight preflight, PullRequestPublisher publisher, string baseName, string? previous, List<ImplementationAttempt> attempts, MaskedLog log, CancellationToken cancellationToken)
    {
        var git = preflight.Git;
        var branch = preflight.Branch;
        await git.FetchAsync(baseName, cancellationToken).ConfigureAwait(false);
        if (previous is not null)
        {
            // Its commits are needed to put it back should the pull request be refused.
            await git.FetchAsync(branch, cancellationToken).ConfigureAwait(false);
        }

        await git.CheckoutFromBaseAsync(branch, baseName, cancellationToken).ConfigureAwait(false);
        var baseCommit = await git.HeadAsync(cancellationToken).ConfigureAwait(false);

        var fields = Fields(preflight, baseName);
        var firstPrompt = ImplementationPrompt.Build(preflight.Template, fields);
        var prompt = firstPrompt;
        var verifyEnvironment = AgentEnvironment.Scrub(host.Environment, request.Secrets, keepAnthropicKey: false);
        var verify = new VerifyStep(preflight.Workspace, verifyEnvironment, preflight.Masker);
        for (var attempt = 1; ; attempt++)
        {
            var promptFile = preflight.Workspace.Artifact(string.Create(CultureInfo.InvariantCulture, $"prompt-{attempt}.md"));
            await File.WriteAllTextAsync(promptFile, preflight.Masker.Apply(prompt), cancellationToken).ConfigureAwait(false);
            log.Write(DeliveryLogLevel.Information, string.Create(CultureInfo.InvariantCulture, $"ImplementSpec: attempt {attempt} of {options.MaxAttempts}: running {preflight.Agent.Name}..."));
            var agentTimeout = options.AgentTimeoutMinutes is { } minutes ? Minutes(minutes) : Timeout.InfiniteTimeSpan;
            var agent = await preflight.Agent.RunAsync(new AgentRound(attempt, prompt, promptFile, agentTimeout), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!agent.Succeeded)
            {
                attempts.Add(new ImplementationAttempt(attempt, agent, []));
                throw new ImplementationException(agent.Error ?? "the agent failed");
            }

            log.Write(DeliveryLogLevel.Information, $"ImplementSpec: attempt {attempt}: the agent finished; verifying...");
            var results = await verify.RunAsync(attempt, options.Verify, Minutes(options.VerifyTimeoutMinutes), cancellationToken).ConfigureAwait(false);
            attempts.Add(new ImplementationAttempt(attempt, agent, results));
            cancellationToken.ThrowIfCancellationRequested();
            if (results.All(result => result.Passed))
            {
                break;
            }

            var failed = results[^1];
            log.Write(DeliveryLogLevel.Warning, $"ImplementSpec: attempt {attempt}: `{failed.Command.Run}` {failed.Describe()}; the end of its output:\n{ImplementationPlan.Quoted(failed.Output, 40)}");
            if (attempt >= options.MaxAttempts)
            {
                throw new ImplementationException(string.Create(CultureInfo.InvariantCulture, $"verify still failing after {attempt} attempt(s): `{failed.Command.Run}` {failed.Describe()}"));
            }

            prompt = ImplementationPrompt.WithFeedback(firstPrompt, attempt + 1, failed);
        }

        if (await git.CurrentBranchAsync(cancellationToken).ConfigureAwait(false) != branch)
        {
            throw new ImplementationException($"the agent left the branch {branch}; nothing was committed");
        }

        var staged = await git.StageAsync(cancellationToken).ConfigureAwait(false);
        var head = await git.HeadAsync(cancellationToken).ConfigureAwait(false);
        if (!staged && head == baseCommit)
        {
            throw new ImplementationException("the agent changed nothing: no file differs from the base");
        }

        var commit = head;
        if (staged)
        {
            var messageFile = preflight.Workspace.Artifact("commit-message.txt");
            await File.WriteAllTextAsync(messageFile, ImplementationText.CommitMessage(spec), cancellationToken).ConfigureAwait(false);
            commit = await git.CommitAsync(messageFile, cancellationToken).ConfigureAwait(false);
        }

        await git.PushAsync(branch, previous, cancellationToken).ConfigureAwait(false);
        log.Write(DeliveryLogLevel.Information, $"ImplementSpec: pushed {commit[..Math.Min(12, commit.Length)]} to {branch}.");

        var prFields = new Dictionary<string, string>(fields, StringComparer.Ordinal)
        {
            ["attempts"] = attempts.Count.ToString(CultureInfo.InvariantCulture),
            ["agent"] = preflight.Agent.Name,
            ["spec_url"] = SpecUrl(branch),
            ["logs_url"] = LogsUrl(),
        };
        var title = ImplementationText.Title(options.PullRequest.Title, prFields);
        var body = preflight.Masker.Apply(ImplementationText.Body(options.PullRequest.Body, prFields));
        try
        {
            var pullRequest = await publisher.PublishAsync(branch, baseName, title, body, options.PullRequest, spec.Reviewers, cancellationToken).ConfigureAwait(false);
            foreach (var warning in pullRequest.Warnings)
            {
                log.Write(DeliveryLogLevel.Warning, $"ImplementSpec: {warning}");
            }

            log.Write(DeliveryLogLevel.Information, string.Create(CultureInfo.InvariantCulture, $"ImplementSpec: pull request #{pullRequest.Number} {(pullRequest.Created ? "opened" : "updated")}: {pullRequest.Url}"));
            return (commit, pullRequest);
        }
        catch (ImplementationException)
        {
            // Nothing stays pushed for a run that failed: the branch goes back to what it was.
            try
            {
                await git.RestoreRemoteAsync(branch, previous, commit, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ImplementationException undo)
            {
                log.Write(DeliveryLogLevel.Error, $"ImplementSpec: {undo.Message}; {branch} on origin still holds {commit[..Math.Min(12, commit.Length)]}.");
            }

            throw;
        }
    }

    private Dictionary<string, string> Fields(Preflight preflight, string baseName) => preflight.Fields(spec, options, baseName);

    private SpecEventArguments Arguments(string eventName, string branch) => new()
    {
        Event = eventName,
        Spec = spec.Id,
        Branch = branch,
    };

    private string SpecUrl(string branch) =>
        SpecEventFactory.RepositoryUrl(host.Environment) is { } repository ? $"{repository}/blob/{branch}/{spec.File}" : string.Empty;

    private string LogsUrl() => SpecEventFactory.LogsUrl(host.Environment) ?? string.Empty;

    private void Report(ImplementationResult result, SecretMasker masker, MaskedLog log)
    {
        log.Write(result.Succeeded ? DeliveryLogLevel.Information : DeliveryLogLevel.Error, ImplementationSummary.ToTable(result));
        if (!string.Equals(host.Environment.GetValueOrDefault("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase)
            || host.Environment.GetValueOrDefault("GITHUB_STEP_SUMMARY") is not { Length: > 0 } summaryFile)
        {
            return;
        }

        try
        {
            File.AppendAllText(summaryFile, masker.Apply(ImplementationSummary.ToMarkdown(result)) + "\n");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.Write(DeliveryLogLevel.Warning, $"Could not write the step summary: {exception.Message}");
        }
    }

    private SecretMasker Masker()
    {
        var masker = SecretMasker.FromEnvironment(host.Environment);
        foreach (var secret in request.Secrets)
        {
            masker.Add(secret);
        }

        return masker;
    }

    private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(Math.Min(minutes, TimeSpan.FromDays(20).TotalMinutes));

    /// <summary>Masks every line on its way to the log.</summary>
    private sealed class MaskedLog(IDeliveryLog inner, SecretMasker masker) : IDeliveryLog
    {
        public void Write(DeliveryLogLevel level, string message) => inner.Write(level, masker.Apply(message));
    }
}

/// <summary>What to implement.</summary>
/// <param name="Config">The loaded configuration (its <c>implementation</c> block).</param>
/// <param name="Secrets">Values to mask besides the known credentials (e.g. from <c>${VAR}</c>).</param>
/// <param name="Spec">The spec.</param>
/// <param name="Force">Implement a spec that is not approved.</param>
/// <param name="DryRun">Print the plan, change and send nothing.</param>
internal sealed record ImplementationRequest(SpecCakeConfig Config, IReadOnlyCollection<string> Secrets, Spec Spec, bool Force, bool DryRun);

/// <summary>What the running task provides.</summary>
/// <param name="WorkingDirectory">Where the repository is found (the config file's folder).</param>
/// <param name="Environment">Environment variables.</param>
/// <param name="Log">The log.</param>
/// <param name="Events">Where events go.</param>
/// <param name="TimeProvider">The clock.</param>
/// <param name="RetryPolicy">Retries of GitHub calls.</param>
/// <param name="GitHubClient">Makes the Octokit client (the API URL, the token).</param>
internal sealed record ImplementationHost(
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    IDeliveryLog Log,
    IImplementationEvents Events,
    TimeProvider TimeProvider,
    RetryPolicy RetryPolicy,
    Func<Uri, string, IGitHubClient> GitHubClient);
