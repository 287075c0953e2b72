using System.Diagnostics;
using System.Globalization;
using Octokit;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;
using SpecCake.Specs;

namespace SpecCake.Implementation;

/// <summary>
/// One ImplementSpec run, free of Cake so it can be tested. In order: refuse what cannot work (a
/// spec that is not approved or already implemented, a dirty tree, a missing CLI or secret) before
/// anything happens; find where the spec stands (its branch on origin, its pull request, what
/// reviewers said since SpecCake's last commit) and stop, saying so, when a review round has
/// nothing new to answer; <c>implementation_started</c>; continue on origin's tip of the spec branch
/// (or start from the base, keeping an old tip under <c>refs/speccake/previous/</c> first); agent and
/// verify rounds, each failure fed back, up to <c>max_attempts</c>; the spec marked implemented,
/// the staged change scanned for secrets, one commit with SpecCake's trailer, a push that never
/// overwrites anyone's, the pull request opened or updated (and, in a review round, one comment on
/// it); <c>pr_created</c> when it was opened, <c>implementation_completed</c>. Any failure after the
/// start sends <c>implementation_failed</c> and pushes nothing (a push whose pull request GitHub
/// refused is undone). A dry run prints the plan, the prompt and the commands and changes and
/// sends nothing.
/// </summary>
internal sealed class ImplementationRun(ImplementationRequest request, ImplementationHost host)
{
    private readonly ImplementationOptions _options = request.Config.Implementation;
    private readonly Spec _spec = request.Spec;

    // Where a restart kept the branch's old tip, once it did (reported even when the run fails later).
    private string? _kept;

    /// <summary>Runs it. Refusals throw; failures after the start are in the result (and were notified).</summary>
    /// <exception cref="ImplementationException">A refusal: nothing was changed or sent.</exception>
    public async Task<ImplementationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var masker = Masker();
        var log = new MaskingLog(host.Log, masker);
        var started = Stopwatch.GetTimestamp();

        var preflight = await new ImplementationPreflight(request, host).CheckAsync(masker, cancellationToken).ConfigureAwait(false);
        if (request.DryRun)
        {
            return await DryRunAsync(preflight, masker, log, cancellationToken).ConfigureAwait(false);
        }

        var publisher = new PullRequestPublisher(host.GitHubClient(preflight.ApiUrl, preflight.Token), preflight.Repository, host.RetryPolicy, host.TimeProvider, masker);
        // Read-only, and independent of the GitHub call: what the spec branch holds on origin now.
        var previousTask = preflight.Git.RemoteBranchAsync(preflight.Branch, cancellationToken);
        // Also the last refusal: a token GitHub will not take is found before any work is done.
        var defaultBranch = await publisher.DefaultBranchAsync(cancellationToken).ConfigureAwait(false);
        var baseName = _options.Base ?? defaultBranch;
        var previous = await previousTask.ConfigureAwait(false);
        var round = await PlanAsync(preflight, publisher, baseName, previous, cancellationToken).ConfigureAwait(false);
        if (round.NothingNew)
        {
            log.Write(DeliveryLogLevel.Information, NothingNewMessage(preflight, round));
            return new ImplementationResult
            {
                Spec = _spec, Branch = preflight.Branch, Base = baseName, Agent = preflight.Agent.Name, Succeeded = true, NothingNew = true,
                ReviewRound = true, Feedback = round.Conversation, Duration = Stopwatch.GetElapsedTime(started),
            };
        }

        var events = new List<SentEvent>();
        var attempts = new List<ImplementationAttempt>();
        RoundOutcome? outcome = null;
        string? error = null;

        log.Write(DeliveryLogLevel.Information, $"ImplementSpec: {_spec.Id} ({_spec.Status.ToString().ToLowerInvariant()}) on {preflight.Branch} {Describe(round, previous, baseName)}, agent {preflight.Agent.Name}, up to {_options.MaxAttempts} attempt(s); confinement: {preflight.Agent.Confinement}.");
        // Delivered while the work starts; the next event waits for it, so the order holds.
        var startedEvent = Task.Run(() => host.Events.Send(Arguments("implementation_started", preflight.Branch)), CancellationToken.None);
        using var runLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        runLimit.CancelAfter(Minutes(_options.TimeoutMinutes));
        try
        {
            preflight.Workspace.ResetArtifacts();
            outcome = await ImplementAsync(preflight, publisher, baseName, previous, round, attempts, log, runLimit.Token).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var pullRequest = outcome.PullRequest;
            events.Add(await startedEvent.ConfigureAwait(false));
            if (pullRequest.Created)
            {
                events.Add(host.Events.Send(Arguments("pr_created", preflight.Branch) with { Pr = pullRequest.Number, PrUrl = pullRequest.Url }));
            }

            events.Add(host.Events.Send(Arguments("implementation_completed", preflight.Branch) with { Pr = pullRequest.Number, PrUrl = pullRequest.Url, Duration = elapsed.TotalSeconds }));
        }
        catch (Exception exception) when (exception is ImplementationException or OperationCanceledException)
        {
            error = exception is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? string.Create(CultureInfo.InvariantCulture, $"the run's time limit (timeout_minutes: {_options.TimeoutMinutes}) was reached")
                : masker.Apply(exception.Message);
            log.Write(DeliveryLogLevel.Error, $"ImplementSpec: {_spec.Id} failed: {error}");
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
            Spec = _spec,
            Branch = preflight.Branch,
            Base = baseName,
            Agent = preflight.Agent.Name,
            Succeeded = error is null,
            Error = error,
            Attempts = attempts,
            Commit = outcome?.Commit,
            PullRequest = outcome?.PullRequest,
            Events = events,
            Duration = Stopwatch.GetElapsedTime(started),
            Artifacts = preflight.Workspace.ArtifactsRelative,
            ReviewRound = round.Review,
            Feedback = round.Review ? round.Conversation : null,
            KeptTip = _kept,
            Comment = outcome?.Comment,
        };
        Report(result, masker, log);
        return result;
    }

    /// <summary>
    /// Where this run starts and what it answers: a first round from the base; a continuation on
    /// origin's tip; a review round on the open pull request (with the feedback since SpecCake's
    /// last commit); or a restart from the base (<c>--restart</c>, or the last pull request was
    /// closed unmerged). Read-only: nothing is changed or sent.
    /// </summary>
    private async Task<RoundPlan> PlanAsync(Preflight preflight, PullRequestPublisher publisher, string baseName, string? previous, CancellationToken cancellationToken)
    {
        var git = preflight.Git;
        var branch = preflight.Branch;
        var fetchBase = git.FetchAsync(baseName, cancellationToken);
        var pullRequest = await publisher.FindAsync(branch, cancellationToken).ConfigureAwait(false);
        await fetchBase.ConfigureAwait(false);
        if (previous is null)
        {
            return new RoundPlan(false, false, pullRequest, null, ReviewConversation.None, []);
        }

        await git.FetchAsync(branch, cancellationToken).ConfigureAwait(false);
        var closedUnmerged = pullRequest is { Open: false, Merged: false };
        if (request.Restart || closedUnmerged)
        {
            return new RoundPlan(true, false, pullRequest, null, ReviewConversation.None, []) { ClosedUnmerged = closedUnmerged && !request.Restart };
        }

        var own = await git.LastOwnCommitAsync($"refs/remotes/origin/{branch}", $"refs/remotes/origin/{baseName}", _spec.Id, cancellationToken).ConfigureAwait(false);
        if (pullRequest is not { Open: true } || own is null)
        {
            return new RoundPlan(false, false, pullRequest, own, ReviewConversation.None, []);
        }

        var conversation = await publisher.ConversationAsync(pullRequest.Number, own.Commit.Time, cancellationToken).ConfigureAwait(false);
        return new RoundPlan(false, true, pullRequest, own, conversation, own.Since)
        {
            NothingNew = !conversation.Any && own.Since.Count == 0 && !request.Force,
        };
    }

    private async Task<RoundOutcome> ImplementAsync(
        Preflight preflight, PullRequestPublisher publisher, string baseName, string? previous, RoundPlan round, List<ImplementationAttempt> attempts, MaskingLog log, CancellationToken cancellationToken)
    {
        var git = preflight.Git;
        var branch = preflight.Branch;
        if (previous is not null && round.Restart)
        {
            // Nothing a person made is lost: the old tip stays on origin, under a ref of its own.
            _kept = await git.KeepAsync(branch, previous, host.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            log.Write(DeliveryLogLevel.Warning, $"ImplementSpec: {(round.ClosedUnmerged ? "its last pull request was closed unmerged, so " : string.Empty)}{branch} starts again from {baseName}; its earlier tip {GitWorkspace.Short(previous)} is kept on origin as {_kept}. To get it back: git fetch origin {_kept} && git switch -c {branch}-previous FETCH_HEAD");
        }

        var continuing = previous is not null && !round.Restart;
        await git.CheckoutAsync(branch, continuing ? branch : baseName, cancellationToken).ConfigureAwait(false);
        var startCommit = await git.HeadAsync(cancellationToken).ConfigureAwait(false);

        var fields = Fields(preflight, baseName);
        var firstPrompt = ImplementationPrompt.Build(preflight.Template, fields);
        if (round.Review)
        {
            firstPrompt = ImplementationPrompt.WithReview(firstPrompt, round.PullRequest!.Url, round.Conversation, round.OthersCommits, preflight.Masker.Apply);
            log.Write(DeliveryLogLevel.Information, string.Create(CultureInfo.InvariantCulture, $"ImplementSpec: review round on pull request #{round.PullRequest.Number}: {round.Conversation.Heard.Count + round.Conversation.More} feedback item(s) and {round.OthersCommits.Count} commit(s) by others since SpecCake's last commit {GitWorkspace.Short(round.Own?.Commit.Sha)}{Ignored(round.Conversation)}."));
        }

        var prompt = firstPrompt;
        var verifyEnvironment = AgentEnvironment.Scrub(host.Environment, request.Secrets, keepAnthropicKey: false);
        var verify = new VerifyStep(preflight.Workspace, verifyEnvironment, preflight.Masker);
        for (var attempt = 1; ; attempt++)
        {
            var promptFile = preflight.Workspace.Artifact(string.Create(CultureInfo.InvariantCulture, $"prompt-{attempt}.md"));
            await File.WriteAllTextAsync(promptFile, preflight.Masker.Apply(prompt), cancellationToken).ConfigureAwait(false);
            log.Write(DeliveryLogLevel.Information, string.Create(CultureInfo.InvariantCulture, $"ImplementSpec: attempt {attempt} of {_options.MaxAttempts}: running {preflight.Agent.Name}..."));
            var agentTimeout = _options.AgentTimeoutMinutes is { } minutes ? Minutes(minutes) : Timeout.InfiniteTimeSpan;
            var agent = await preflight.Agent.RunAsync(new AgentRound(attempt, prompt, promptFile, agentTimeout), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!agent.Succeeded)
            {
                attempts.Add(new ImplementationAttempt(attempt, agent, []));
                throw new ImplementationException(agent.Error ?? "the agent failed");
            }

            log.Write(DeliveryLogLevel.Information, $"ImplementSpec: attempt {attempt}: the agent finished; verifying...");
            var results = await verify.RunAsync(attempt, _options.Verify, Minutes(_options.VerifyTimeoutMinutes), cancellationToken).ConfigureAwait(false);
            attempts.Add(new ImplementationAttempt(attempt, agent, results));
            cancellationToken.ThrowIfCancellationRequested();
            if (results.All(result => result.Passed))
            {
                break;
            }

            var failed = results[^1];
            log.Write(DeliveryLogLevel.Warning, $"ImplementSpec: attempt {attempt}: `{failed.Command.Run}` {failed.Describe()}; the end of its output:\n{ImplementationPlan.Quoted(failed.Output, 40)}");
            if (attempt >= _options.MaxAttempts)
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
        if (!staged && head == startCommit)
        {
            throw new ImplementationException(continuing ? "the agent changed nothing: no file differs from the branch's tip" : "the agent changed nothing: no file differs from the base");
        }

        if (_options.MarkImplemented && MarkImplemented(preflight))
        {
            staged = await git.StageAsync(cancellationToken).ConfigureAwait(false);
        }

        var commit = head;
        if (staged)
        {
            await ScanAsync(preflight, cancellationToken).ConfigureAwait(false);
            var messageFile = preflight.Workspace.Artifact("commit-message.txt");
            var message = round.Review ? ImplementationText.ReviewCommitMessage(_spec, round.Conversation) : ImplementationText.CommitMessage(_spec);
            await File.WriteAllTextAsync(messageFile, preflight.Masker.Apply(message), cancellationToken).ConfigureAwait(false);
            commit = await git.CommitAsync(messageFile, cancellationToken).ConfigureAwait(false);
        }

        await git.PushAsync(branch, previous, cancellationToken).ConfigureAwait(false);
        log.Write(DeliveryLogLevel.Information, $"ImplementSpec: pushed {GitWorkspace.Short(commit)} to {branch}.");

        var lastSummary = attempts.Select(attempt => attempt.Agent.Summary).LastOrDefault(summary => !string.IsNullOrWhiteSpace(summary));
        var prFields = new Dictionary<string, string>(fields, StringComparer.Ordinal)
        {
            ["attempts"] = attempts.Count.ToString(CultureInfo.InvariantCulture),
            ["agent"] = preflight.Agent.Name,
            ["spec_url"] = SpecUrl(branch),
            ["logs_url"] = LogsUrl(),
            ["summary"] = ImplementationText.Summary(lastSummary, preflight.Masker.Apply),
            ["checks"] = ImplementationText.Checks(attempts),
            ["usage"] = ImplementationText.Usage(preflight.Agent.Name, _options.Agent == ImplementationAgent.ClaudeCode ? _options.Model : null, attempts),
        };
        var title = ImplementationText.Title(_options.PullRequest.Title, prFields);
        var body = preflight.Masker.Apply(ImplementationText.Body(_options.PullRequest.Body, prFields));
        PublishedPullRequest pullRequest;
        try
        {
            pullRequest = await publisher.PublishAsync(branch, baseName, title, body, _options.PullRequest, _spec.Reviewers, cancellationToken).ConfigureAwait(false);
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
                log.Write(DeliveryLogLevel.Error, $"ImplementSpec: {undo.Message}; {branch} on origin still holds {GitWorkspace.Short(commit)}.");
            }

            throw;
        }

        foreach (var warning in pullRequest.Warnings)
        {
            log.Write(DeliveryLogLevel.Warning, $"ImplementSpec: {warning}");
        }

        log.Write(DeliveryLogLevel.Information, string.Create(CultureInfo.InvariantCulture, $"ImplementSpec: pull request #{pullRequest.Number} {(pullRequest.Created ? "opened" : "updated")}: {pullRequest.Url}"));
        string? comment = null;
        if (round.Review)
        {
            // The commit is pushed and the pull request updated: a comment GitHub will not take is a warning.
            try
            {
                comment = await publisher.CommentAsync(pullRequest.Number, preflight.Masker.Apply(ImplementationText.RoundComment(_spec, commit, round.Conversation, round.OthersCommits, prFields)), cancellationToken).ConfigureAwait(false);
                log.Write(DeliveryLogLevel.Information, $"ImplementSpec: commented on pull request #{pullRequest.Number.ToString(CultureInfo.InvariantCulture)}: {comment}");
            }
            catch (ImplementationException refused)
            {
                log.Write(DeliveryLogLevel.Warning, $"ImplementSpec: {refused.Message}");
            }
        }

        return new RoundOutcome(commit, pullRequest, comment);
    }

    /// <summary>The spec file's status set to implemented, when it says approved; whether it changed.</summary>
    private bool MarkImplemented(Preflight preflight)
    {
        var path = Path.Combine(preflight.Workspace.Root, _spec.File);
        try
        {
            return File.Exists(path) && SpecStatusEdit.MarkImplementedFile(path);
        }
        catch (Exception exception) when (exception is YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            throw new ImplementationException($"could not mark {_spec.File} implemented: {exception.Message}");
        }
    }

    /// <summary>Fails the round when the staged change holds the value of any secret SpecCake knows.</summary>
    private async Task ScanAsync(Preflight preflight, CancellationToken cancellationToken)
    {
        var secrets = new SecretMasker();
        foreach (var name in SecretNames.Credentials)
        {
            secrets.Add(host.Environment.GetValueOrDefault(name));
        }

        foreach (var value in request.Secrets)
        {
            secrets.Add(value);
        }

        foreach (var value in await preflight.Git.ConfiguredCredentialsAsync(cancellationToken).ConfigureAwait(false))
        {
            secrets.Add(value);
            preflight.Masker.Add(value);
        }

        var diff = preflight.Workspace.Artifact("staged-change.diff.tmp");
        try
        {
            await preflight.Git.WriteStagedChangeAsync(diff, cancellationToken).ConfigureAwait(false);
            if (await StagedChangeScan.FindSecretAsync(diff, secrets, cancellationToken).ConfigureAwait(false) is { } file)
            {
                throw new ImplementationException(
                    $"the change holds the value of a secret (in {preflight.Masker.Apply(file)}): nothing was committed or pushed. Look at what the agent wrote there (.artifacts/implement/), remove it, and rotate the secret if it left this machine");
            }
        }
        finally
        {
            // The diff may hold the secret itself: it never stays on disk.
            File.Delete(diff);
        }
    }

    private async Task<ImplementationResult> DryRunAsync(Preflight preflight, SecretMasker masker, MaskingLog log, CancellationToken cancellationToken)
    {
        // The base the real run will use: the configured one, else origin's default branch as git
        // sees it, else as GitHub says (a read, nothing is changed).
        var baseBranch = _options.Base
            ?? await preflight.Git.DefaultBranchAsync(cancellationToken).ConfigureAwait(false)
            ?? await GitHubDefaultBranchAsync(preflight, masker, cancellationToken).ConfigureAwait(false);
        string? existing = null;
        try
        {
            existing = await preflight.Git.RemoteBranchAsync(preflight.Branch, cancellationToken).ConfigureAwait(false);
        }
        catch (ImplementationException)
        {
            // Origin cannot be read here: the plan assumes a first round.
        }

        var continuing = existing is not null && !request.Restart;
        log.Write(DeliveryLogLevel.Information, ImplementationPlan.Describe(request, preflight, baseBranch, continuing ? existing : null));
        return new ImplementationResult { Spec = _spec, Branch = preflight.Branch, Base = baseBranch, Agent = preflight.Agent.Name, DryRun = true, Succeeded = true };
    }

    private async Task<string> GitHubDefaultBranchAsync(Preflight preflight, SecretMasker masker, CancellationToken cancellationToken)
    {
        try
        {
            var publisher = new PullRequestPublisher(host.GitHubClient(preflight.ApiUrl, preflight.Token), preflight.Repository, host.RetryPolicy, host.TimeProvider, masker);
            return await publisher.DefaultBranchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ImplementationException refused)
        {
            return $"(the repository's default branch: neither origin nor GitHub said which: {refused.Message})";
        }
    }

    private string NothingNewMessage(Preflight preflight, RoundPlan round) =>
        string.Create(CultureInfo.InvariantCulture, $"ImplementSpec: {_spec.Id}: nothing new on pull request #{round.PullRequest!.Number} since SpecCake's last commit {GitWorkspace.Short(round.Own!.Commit.Sha)} on {preflight.Branch}: no review feedback from its owners, members or collaborators and no new commits{Ignored(round.Conversation)}. Nothing was run; pass --force to run a round anyway.");

    private static string Ignored(ReviewConversation conversation) =>
        conversation.Ignored > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({conversation.Ignored} item(s) by people without write access ignored)") : string.Empty;

    private static string Describe(RoundPlan round, string? previous, string baseName) => round switch
    {
        { Review: true } => $"(review round on pull request #{round.PullRequest!.Number.ToString(CultureInfo.InvariantCulture)}, continuing on origin's tip)",
        { Restart: true } => $"from {baseName} (restarted)",
        _ when previous is not null => "(continuing on origin's tip)",
        _ => $"from {baseName}",
    };

    private Dictionary<string, string> Fields(Preflight preflight, string baseName) => preflight.Fields(_spec, _options, baseName);

    private SpecEventArguments Arguments(string eventName, string branch) => new()
    {
        Event = eventName,
        Spec = _spec.Id,
        Branch = branch,
    };

    private string SpecUrl(string branch) =>
        GitHubActions.RepositoryUrl(host.Environment) is { } repository ? $"{repository}/blob/{branch}/{_spec.File}" : string.Empty;

    private string LogsUrl() => SpecEventFactory.LogsUrl(host.Environment) ?? string.Empty;

    private void Report(ImplementationResult result, SecretMasker masker, MaskingLog log)
    {
        log.Write(result.Succeeded ? DeliveryLogLevel.Information : DeliveryLogLevel.Error, ImplementationSummary.ToTable(result));
        if (GitHubActions.AppendStepSummary(GitHubActions.Reader(host.Environment), masker.Apply(ImplementationSummary.ToMarkdown(result)) + "\n") is { } problem)
        {
            log.Write(DeliveryLogLevel.Warning, $"Could not write the step summary: {problem}");
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
}

/// <summary>What to implement.</summary>
/// <param name="Config">The loaded configuration (its <c>implementation</c> block).</param>
/// <param name="Secrets">Values to mask besides the known credentials (e.g. from <c>${VAR}</c>).</param>
/// <param name="Spec">The spec.</param>
/// <param name="Force">Implement a spec that is not approved.</param>
/// <param name="DryRun">Print the plan, change and send nothing.</param>
/// <param name="Restart">Start the branch again from the base (its old tip kept under <c>refs/speccake/previous/</c>).</param>
internal sealed record ImplementationRequest(SpecCakeConfig Config, IReadOnlyCollection<string> Secrets, Spec Spec, bool Force, bool DryRun, bool Restart = false);

/// <summary>Where a run starts and what it answers.</summary>
/// <param name="Restart">Start from the base, keeping origin's tip first.</param>
/// <param name="Review">A review round on the open pull request.</param>
/// <param name="PullRequest">The branch's pull request, if it ever had one.</param>
/// <param name="Own">SpecCake's last commit on the branch.</param>
/// <param name="Conversation">The feedback a review round answers.</param>
/// <param name="OthersCommits">Commits others pushed after SpecCake's last one.</param>
internal sealed record RoundPlan(bool Restart, bool Review, SpecPullRequest? PullRequest, OwnCommit? Own, ReviewConversation Conversation, IReadOnlyList<BranchCommit> OthersCommits)
{
    /// <summary>A review round with nothing to answer: nothing is run.</summary>
    public bool NothingNew { get; init; }

    /// <summary>The restart comes from a pull request closed unmerged.</summary>
    public bool ClosedUnmerged { get; init; }
}

/// <summary>What a successful round made.</summary>
/// <param name="Commit">The commit pushed.</param>
/// <param name="PullRequest">The pull request opened or updated.</param>
/// <param name="Comment">A review round's comment on it.</param>
internal sealed record RoundOutcome(string Commit, PublishedPullRequest PullRequest, string? Comment);

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
