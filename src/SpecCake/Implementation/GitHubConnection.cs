using Octokit;

namespace SpecCake.Implementation;

/// <summary>
/// The one place ImplementSpec makes its Octokit client: the REST API at <c>GITHUB_API_URL</c>
/// (GitHub Actions sets it; GitHub Enterprise Server works the same way), authenticated with
/// <c>GITHUB_TOKEN</c>, with a per-request time limit.
/// </summary>
internal static class GitHubConnection
{
    /// <summary>The public REST API, used when <c>GITHUB_API_URL</c> is not set.</summary>
    public const string DefaultApiUrl = "https://api.github.com";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A client for <paramref name="apiUrl"/>.</summary>
    /// <param name="apiUrl">The REST base, e.g. <c>https://api.github.com</c> or <c>https://ghe.example.com/api/v3</c>; Octokit serves any host other than github.com under <c>/api/v3/</c>.</param>
    /// <param name="token">The token.</param>
    public static IGitHubClient Create(Uri apiUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        ArgumentException.ThrowIfNullOrEmpty(token);
        var version = typeof(GitHubConnection).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
        var client = new GitHubClient(new ProductHeaderValue("SpecCake", version), apiUrl) { Credentials = new Credentials(token) };
        client.SetRequestTimeout(RequestTimeout);
        return client;
    }
}
