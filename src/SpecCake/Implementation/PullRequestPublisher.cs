using System.Net;
using Octokit;
using Polly;
using SpecCake.Configuration;
using SpecCake.Delivery;
using RepositoryReference = SpecCake.Events.RepositoryReference;

namespace SpecCake.Implementation;

/// <summary>
/// The spec's pull request through the GitHub REST API: the one already open for the branch is
/// updated (never a second one), otherwise one is opened; then its labels and the spec's
/// reviewers. Transient failures (5xx, 429, network) are retried through the delivery retry
/// pipeline; since every attempt looks for the open pull request first, a create that reached
/// GitHub before its answer was lost is found rather than repeated.
/// </summary>
internal sealed class PullRequestPublisher(IGitHubClient client, RepositoryReference repository, RetryPolicy policy, TimeProvider time, SecretMasker masker)
{
    private readonly ResiliencePipeline pipeline = OperationResilience.Create(policy, IsTransient, time);

    /// <summary>The repository's default branch; also proves the token can read the repository.</summary>
    /// <exception cref="ImplementationException">GitHub refused (bad token, unknown repository).</exception>
    public async Task<string> DefaultBranchAsync(CancellationToken cancellationToken)
    {
        var found = await CallAsync("read the repository", () => client.Repository.Get(repository.Owner, repository.Name), cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(found.DefaultBranch) ? "main" : found.DefaultBranch;
    }

    /// <summary>Opens or updates the pull request from <paramref name="branch"/> into <paramref name="baseBranch"/>.</summary>
    /// <exception cref="ImplementationException">GitHub refused it.</exception>
    public async Task<PublishedPullRequest> PublishAsync(
        string branch, string baseBranch, string title, string body, PullRequestOptions options, IReadOnlyList<string> reviewers, CancellationToken cancellationToken)
    {
        var (pullRequest, created) = await CallAsync("open the pull request", async () =>
        {
            var open = await client.PullRequest.GetAllForRepository(
                repository.Owner,
                repository.Name,
                new PullRequestRequest { State = ItemStateFilter.Open, Head = $"{repository.Owner}:{branch}" },
                new ApiOptions { PageSize = 10, PageCount = 1 }).ConfigureAwait(false);
            if (open.FirstOrDefault(pr => pr.Head?.Ref == branch) is { } existing)
            {
                var updated = await client.PullRequest.Update(repository.Owner, repository.Name, existing.Number, new PullRequestUpdate { Title = title, Body = body, Base = baseBranch }).ConfigureAwait(false);
                return (updated, false);
            }

            var opened = await client.PullRequest.Create(repository.Owner, repository.Name, new NewPullRequest(title, branch, baseBranch) { Body = body, Draft = options.Draft }).ConfigureAwait(false);
            return (opened, true);
        }, cancellationToken).ConfigureAwait(false);

        // The pull request exists now: a label or reviewer GitHub will not take is a warning, not a failure.
        var labels = options.Labels.Count == 0
            ? Task.FromResult<string?>(null)
            : TryAsync("add the labels", () => client.Issue.Labels.AddToIssue(repository.Owner, repository.Name, pullRequest.Number, [.. options.Labels]), cancellationToken);
        var (users, teams) = Reviewers(reviewers);
        var reviewRequest = !options.RequestReviewers || users.Count + teams.Count == 0
            ? Task.FromResult<string?>(null)
            : TryAsync("request the reviewers", () => client.PullRequest.ReviewRequest.Create(repository.Owner, repository.Name, pullRequest.Number, new PullRequestReviewRequest(users, teams)), cancellationToken);
        var warnings = (await Task.WhenAll(labels, reviewRequest).ConfigureAwait(false)).OfType<string>().ToArray();

        return new PublishedPullRequest(pullRequest.Number, pullRequest.HtmlUrl, created, warnings);
    }

    /// <summary>Spec reviewers as GitHub names them: <c>@alice</c> is the user <c>alice</c>, <c>@org/team</c> the team <c>team</c>.</summary>
    public static (IReadOnlyList<string> Users, IReadOnlyList<string> Teams) Reviewers(IReadOnlyList<string> reviewers)
    {
        var users = new List<string>();
        var teams = new List<string>();
        foreach (var reviewer in reviewers.Select(name => name.Trim().TrimStart('@')).Where(name => name.Length > 0))
        {
            if (reviewer.Split('/') is [{ Length: > 0 }, { Length: > 0 } team])
            {
                teams.Add(team);
            }
            else if (!reviewer.Contains('/', StringComparison.Ordinal))
            {
                users.Add(reviewer);
            }
        }

        return (users.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), teams.Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
    }

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async _ => await call().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException exception)
        {
            throw new ImplementationException(masker.Apply($"GitHub would not {what} in {repository}: {Describe(exception)}"), exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new ImplementationException(masker.Apply($"GitHub could not be reached to {what} in {repository}: {exception.Message}"), exception);
        }
    }

    /// <summary>A call whose refusal is a warning: null when it went through, else the warning.</summary>
    private async Task<string?> TryAsync(string what, Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(what, async () =>
            {
                await call().ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ImplementationException exception)
        {
            return exception.Message;
        }
    }

    private static string Describe(ApiException exception)
    {
        var status = (int)exception.StatusCode;
        var hint = exception.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "; GITHUB_TOKEN is not valid",
            HttpStatusCode.Forbidden or HttpStatusCode.NotFound => "; give GITHUB_TOKEN access to the repository (in Actions: permissions: contents: write, pull-requests: write)",
            _ => string.Empty,
        };
        var details = exception.ApiError?.Errors is { Count: > 0 } errors
            ? " (" + string.Join("; ", errors.Select(error => error.Message ?? error.Code).Where(text => !string.IsNullOrEmpty(text))) + ")"
            : string.Empty;
        return $"{status} {exception.Message}{details}{hint}";
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        ApiException api => (int)api.StatusCode >= 500 || (int)api.StatusCode == 429 || api is RateLimitExceededException or SecondaryRateLimitExceededException,
        HttpRequestException or TaskCanceledException or TimeoutException => true,
        _ => false,
    };
}

/// <summary>The pull request as GitHub answered.</summary>
/// <param name="Number">Its number.</param>
/// <param name="Url">Its web URL.</param>
/// <param name="Created">True when opened now; false when the open one was updated.</param>
/// <param name="Warnings">Labels or reviewers GitHub would not take.</param>
public sealed record PublishedPullRequest(int Number, string Url, bool Created, IReadOnlyList<string> Warnings);
