using Octokit;
using SpecCake.Delivery;
using SpecCake.Http;
using SpecCake.Integrations;

namespace SpecCake.Implementation;

/// <summary>
/// The one place ImplementSpec makes its Octokit client: the REST API at <c>GITHUB_API_URL</c>
/// (GitHub Actions sets it; GitHub Enterprise Server works the same way), authenticated with
/// <c>GITHUB_TOKEN</c>, through SpecCake's one HTTP path (<see cref="GitHubClientFactory"/>: no
/// redirects, bounded answers, retries) with a 30 s limit per request.
/// </summary>
internal static class GitHubConnection
{
    /// <summary>The public REST API, used when <c>GITHUB_API_URL</c> is not set.</summary>
    public const string DefaultApiUrl = "https://api.github.com";

    // A pull request create with labels and reviewers can be slow on a busy GitHub; 30 s an attempt.
    private static readonly RetryPolicy Policy = new() { AttemptTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromMinutes(2) };

    /// <summary>A client for <paramref name="apiUrl"/>.</summary>
    /// <param name="apiUrl">The REST base, e.g. <c>https://api.github.com</c> or <c>https://ghe.example.com/api/v3</c>; Octokit serves any host other than github.com under <c>/api/v3/</c>.</param>
    /// <param name="token">The token.</param>
    public static IGitHubClient Create(Uri apiUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return GitHubClientFactory.Create(apiUrl, token, Policy, TimeProvider.System);
    }
}
