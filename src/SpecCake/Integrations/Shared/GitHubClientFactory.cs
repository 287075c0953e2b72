using Octokit;
using Octokit.Internal;
using SpecCake.Delivery;
using SpecCake.Http;

namespace SpecCake.Integrations;

/// <summary>
/// Octokit <see cref="GitHubClient"/>s that send through SpecCake's one HTTP stack
/// (<see cref="ServiceHttp"/>) instead of Octokit's default: no redirect is followed (Octokit's own
/// adapter would follow one, token included), answers are read up to
/// <see cref="ResponseLimits.JsonAnswerBytes"/>, a connect fails after
/// <see cref="RetryPolicy.ConnectTimeout"/>, and every call gets the <see cref="HttpResilience"/>
/// retries, attempt timeout and total budget. Use it for every Octokit client in SpecCake.
/// </summary>
internal static class GitHubClientFactory
{
    private static readonly Uri GitHubDotComApi = new("https://api.github.com/");

    /// <summary>A client for the REST API at <paramref name="apiUrl"/>, authenticated with <paramref name="token"/>.</summary>
    /// <param name="apiUrl">
    /// <c>https://api.github.com</c>, or a GitHub Enterprise host (its REST API is at <c>/api/v3/</c>,
    /// added when missing, as Octokit itself does).
    /// </param>
    /// <param name="token">A token (<c>GITHUB_TOKEN</c>); sent as <c>Authorization: token …</c>.</param>
    /// <param name="policy">Retries, timeouts and the connect timeout.</param>
    /// <param name="timeProvider">The clock the retries wait on.</param>
    public static GitHubClient Create(Uri apiUrl, string token, RetryPolicy policy, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var http = new HttpClientAdapter(() => new ResilientHandler(ServiceHttp.CreateHandler(ResponseLimits.Json, policy.ConnectTimeout), policy, timeProvider));
        var connection = new Connection(
            new ProductHeaderValue("SpecCake", typeof(GitHubClientFactory).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"),
            RestBase(apiUrl),
            new InMemoryCredentialStore(new Credentials(token)),
            http,
            new SimpleJsonSerializer());
        return new GitHubClient(connection);
    }

    // Octokit's GitHubClient(…, Uri) does this fix-up; its Connection constructor does not.
    private static Uri RestBase(Uri apiUrl)
    {
        if (apiUrl.Host is "github.com" or "api.github.com")
        {
            return GitHubDotComApi;
        }

        var path = apiUrl.AbsolutePath.TrimEnd('/');
        return new Uri(apiUrl, path.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? path + "/" : path + "/api/v3/");
    }
}
