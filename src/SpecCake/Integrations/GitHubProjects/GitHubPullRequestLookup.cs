using Octokit;
using Polly.Timeout;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Http;
using SpecCake.Trackers;

namespace SpecCake.Integrations.GitHubProjects;

/// <summary>Finds a pull request's node ID through the REST API (Octokit over <see cref="GitHubClientFactory"/>), to add the PR itself to a project.</summary>
internal sealed class GitHubPullRequestLookup
{
    private readonly GitHubClient _client;
    private readonly SecretMasker _mask;

    // apiUrl is the REST base, e.g. https://api.github.com; /api/v3 is added for any other host (Enterprise).
    public GitHubPullRequestLookup(string apiUrl, string token, SecretMasker mask, TrackerSyncOptions? options = null)
    {
        options ??= new TrackerSyncOptions();
        _client = GitHubClientFactory.Create(new Uri(apiUrl), token, options.RetryPolicy, options.TimeProvider);
        this._mask = mask;
    }

    public async Task<string> NodeIdAsync(string repository, PullRequestReference pr)
    {
        var (owner, name) = RepositoryOf(pr.Url) ?? Split(repository)
            ?? throw new TrackerException($"github_projects: cannot tell the repository of {pr.Url ?? pr.Title}; set GITHUB_REPOSITORY");
        var request = $"github_projects: looking up {owner}/{name}#{pr.Number}";
        try
        {
            var pullRequest = await _client.PullRequest.Get(owner, name, pr.Number).ConfigureAwait(false);
            return pullRequest.NodeId;
        }
        catch (ApiException ex)
        {
            throw new TrackerException(_mask.Shorten($"{request} failed: {(int)ex.StatusCode} {ex.Message}", 500));
        }
        catch (HttpRequestException ex)
        {
            // A redirect (not followed), an answer over the size limit, or the network.
            throw new TrackerException(_mask.Shorten($"{request} failed: {ex.Message}", 500));
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TrackerException($"{request} failed: no answer within {HttpResilience.Describe(ex.Timeout)}");
        }
    }

    // https://github.com/{owner}/{repo}/pull/{number}; without a URL the repository comes from GITHUB_REPOSITORY.
    private static (string Owner, string Name)? RepositoryOf(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        return segments.Length >= 4 && segments[^2] == "pull" ? (segments[^4], segments[^3]) : null;
    }

    private static (string Owner, string Name)? Split(string? repository) =>
        repository?.Split('/') is [var owner, var name] ? (owner, name) : null;
}
