using System.Net;
using Octokit;
using Polly;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Http;
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
    private readonly ResiliencePipeline _pipeline = OperationResilience.Create(policy, IsTransient, time);

    /// <summary>The repository's default branch; also proves the token can read the repository.</summary>
    /// <exception cref="ImplementationException">GitHub refused (bad token, unknown repository).</exception>
    public async Task<string> DefaultBranchAsync(CancellationToken cancellationToken)
    {
        var found = await CallAsync("read the repository", () => client.Repository.Get(repository.Owner, repository.Name), cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(found.DefaultBranch) ? "main" : found.DefaultBranch;
    }

    /// <summary>
    /// The spec branch's pull request: the open one, else the newest closed one (whether it was
    /// merged tells a new round from a rejected one); null when the branch never had one.
    /// </summary>
    /// <exception cref="ImplementationException">GitHub refused.</exception>
    public async Task<SpecPullRequest?> FindAsync(string branch, CancellationToken cancellationToken)
    {
        var all = await CallAsync("list the pull requests", () => client.PullRequest.GetAllForRepository(
            repository.Owner,
            repository.Name,
            new PullRequestRequest { State = ItemStateFilter.All, Head = $"{repository.Owner}:{branch}", SortProperty = PullRequestSort.Created, SortDirection = SortDirection.Descending },
            new ApiOptions { PageSize = 30, PageCount = 1 }), cancellationToken).ConfigureAwait(false);
        var mine = all.Where(pr => pr.Head?.Ref == branch).ToList();
        var chosen = mine.FirstOrDefault(pr => pr.State.Value == ItemState.Open) ?? mine.OrderByDescending(pr => pr.CreatedAt).FirstOrDefault();
        return chosen is null
            ? null
            : new SpecPullRequest(chosen.Number, chosen.HtmlUrl, chosen.State.Value == ItemState.Open, chosen.Merged || chosen.MergedAt is not null);
    }

    /// <summary>
    /// The review conversation on pull request <paramref name="number"/> after <paramref name="since"/>
    /// (every item when null): reviews, review comments on lines, and comments on the pull request.
    /// Only people GitHub marks <c>OWNER</c>, <c>MEMBER</c> or <c>COLLABORATOR</c> are heard; anyone
    /// else is counted and left out, and so are SpecCake's own comments.
    /// </summary>
    /// <exception cref="ImplementationException">GitHub refused.</exception>
    public async Task<ReviewConversation> ConversationAsync(int number, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var pages = new ApiOptions { PageSize = 100, PageCount = 3 };
        var reviews = CallAsync("read the reviews", () => client.PullRequest.Review.GetAll(repository.Owner, repository.Name, number, pages), cancellationToken);
        var lineComments = CallAsync("read the review comments", () => client.PullRequest.ReviewComment.GetAll(repository.Owner, repository.Name, number, pages), cancellationToken);
        var comments = CallAsync("read the pull request's comments", () => client.Issue.Comment.GetAllForIssue(repository.Owner, repository.Name, number, pages), cancellationToken);
        await Task.WhenAll(reviews, lineComments, comments).ConfigureAwait(false);

        var items = new List<ReviewFeedback>();
        foreach (var review in await reviews.ConfigureAwait(false))
        {
            var state = review.State.StringValue?.ToUpperInvariant();
            // A review with no words of its own (the envelope of line comments) says nothing more, unless it asks for changes.
            if (state is "PENDING" || (string.IsNullOrWhiteSpace(review.Body) && state != "CHANGES_REQUESTED"))
            {
                continue;
            }

            var kind = state switch { "CHANGES_REQUESTED" => "review (changes requested)", "APPROVED" => "review (approved)", _ => "review" };
            items.Add(new ReviewFeedback(kind, review.User?.Login, review.AuthorAssociation.StringValue, null, review.HtmlUrl, review.SubmittedAt, string.IsNullOrWhiteSpace(review.Body) ? "(changes requested, no comment)" : review.Body));
        }

        foreach (var comment in await lineComments.ConfigureAwait(false))
        {
            var line = ReviewConversation.LineOf(comment.DiffHunk);
            items.Add(new ReviewFeedback("line comment", comment.User?.Login, comment.AuthorAssociation.StringValue, line is { } at ? $"{comment.Path}:{at}" : comment.Path, comment.HtmlUrl, comment.CreatedAt, comment.Body));
        }

        foreach (var comment in await comments.ConfigureAwait(false))
        {
            items.Add(new ReviewFeedback("comment", comment.User?.Login, comment.AuthorAssociation.StringValue, null, comment.HtmlUrl, comment.CreatedAt, comment.Body));
        }

        return ReviewConversation.From(items, since);
    }

    /// <summary>Posts a comment on pull request <paramref name="number"/>; its URL.</summary>
    /// <exception cref="ImplementationException">GitHub refused.</exception>
    public async Task<string> CommentAsync(int number, string body, CancellationToken cancellationToken)
    {
        var posted = await CallAsync("comment on the pull request", () => client.Issue.Comment.Create(repository.Owner, repository.Name, number, body), cancellationToken).ConfigureAwait(false);
        return posted.HtmlUrl;
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
            return await _pipeline.ExecuteAsync(async _ => await call().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
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

/// <summary>The spec branch's pull request as GitHub lists it.</summary>
/// <param name="Number">Its number.</param>
/// <param name="Url">Its web URL.</param>
/// <param name="Open">Whether it is open.</param>
/// <param name="Merged">Whether it was merged.</param>
internal sealed record SpecPullRequest(int Number, string Url, bool Open, bool Merged);

/// <summary>The pull request as GitHub answered.</summary>
/// <param name="Number">Its number.</param>
/// <param name="Url">Its web URL.</param>
/// <param name="Created">True when opened now; false when the open one was updated.</param>
/// <param name="Warnings">Labels or reviewers GitHub would not take.</param>
public sealed record PublishedPullRequest(int Number, string Url, bool Created, IReadOnlyList<string> Warnings);
