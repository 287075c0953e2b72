using Octokit;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Trackers;

namespace SpecCake.Integrations.GitHubProjects;

/// <summary>Finds a pull request's node ID through the REST API (Octokit), to add the PR itself to a project.</summary>
internal sealed class GitHubPullRequestLookup
{
    private readonly GitHubClient client;
    private readonly SecretMasker mask;

    // apiUrl is the REST base, e.g. https://api.github.com; Octokit adds /api/v3 for any other host (Enterprise).
    public GitHubPullRequestLookup(string apiUrl, string token, SecretMasker mask)
    {
        client = new GitHubClient(new ProductHeaderValue("SpecCake"), new Uri(apiUrl)) { Credentials = new Credentials(token) };
        this.mask = mask;
    }

    public async Task<string> NodeIdAsync(string repository, PullRequestReference pr)
    {
        var (owner, name) = RepositoryOf(pr.Url) ?? Split(repository)
            ?? throw new TrackerException($"github_projects: cannot tell the repository of {pr.Url ?? pr.Title}; set GITHUB_REPOSITORY");
        try
        {
            var pullRequest = await client.PullRequest.Get(owner, name, pr.Number).ConfigureAwait(false);
            return pullRequest.NodeId;
        }
        catch (ApiException ex)
        {
            throw new TrackerException(mask.Apply($"github_projects: looking up {owner}/{name}#{pr.Number} failed: {(int)ex.StatusCode} {ex.Message}"));
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
