using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// One signed-in Jira: the site, its <see cref="JiraDialect"/>, and the HTTP client (SpecCake's one
/// HTTP path, <see cref="TrackerHttp"/>) with the dialect's authorization. The tracker's API areas
/// (<see cref="JiraSearch"/>, <see cref="JiraStatusSync"/>, <see cref="JiraSubtasks"/>,
/// <see cref="JiraRemoteLinks"/>) and CheckIntegrations' Jira checks all send through one.
/// </summary>
internal sealed class JiraConnection : IDisposable
{
    private readonly SecretMasker _mask;

    private JiraConnection(string site, JiraDialect dialect, TrackerHttp http, SecretMasker mask)
    {
        Site = site;
        Dialect = dialect;
        Http = http;
        _mask = mask;
    }

    /// <summary>The site, without a trailing slash.</summary>
    public string Site { get; }

    /// <summary>Cloud or Server/Data Center.</summary>
    public JiraDialect Dialect { get; }

    /// <summary>The client.</summary>
    public TrackerHttp Http { get; }

    /// <summary>The REST API's base URL, e.g. <c>https://your-domain.atlassian.net/rest/api/3</c>.</summary>
    public string Api => Site + Dialect.ApiPath;

    /// <summary>
    /// Signs in with the secrets the options need (checked, in the same words, as when the configuration
    /// was read: Cloud needs the email too); a read-only connection refuses to send anything but GET.
    /// </summary>
    /// <exception cref="TrackerException">A secret is missing or unusable, or <c>project_key</c> is not set.</exception>
    public static JiraConnection Open(JiraOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask, bool readOnly = false)
    {
        JiraIntegration.Instance.RequireSecrets(options, environment);
        var url = options.ApiUrl ?? options.BaseUrl ?? TrackerEnvironment.Get(environment, JiraIntegration.BaseUrl.Name)!;
        var token = TrackerEnvironment.Get(environment, JiraIntegration.ApiToken.Name)!;
        if (string.IsNullOrWhiteSpace(options.ProjectKey))
        {
            throw new TrackerException("jira: integrations.jira.project_key is not set");
        }

        var email = TrackerEnvironment.Get(environment, JiraIntegration.Email.Name);
        var dialect = JiraDialect.For(email);
        var authorization = dialect.Authorization(email, token, mask);
        mask.Add(token);
        var http = new TrackerHttp(JiraIntegration.ConfigKey, new Dictionary<string, string>
        {
            ["Authorization"] = authorization,
            ["Accept"] = "application/json",
        }, mask, syncOptions, readOnly);
        return new JiraConnection(url.TrimEnd('/'), dialect, http, mask);
    }

    /// <summary>A request to <paramref name="path"/> under the API, as errors name it.</summary>
    public TrackerRequest Request(HttpMethod method, string path, bool creates = false) =>
        new(JiraIntegration.ConfigKey, method, Api + path, _mask, Creates: creates);

    /// <summary>GETs <paramref name="path"/> under the API and reads its JSON answer.</summary>
    public Task<TrackerAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        TrackerAnswer.SendAsync(Http, Request(HttpMethod.Get, path), null, cancellationToken);

    /// <summary>Sends <paramref name="body"/> to <paramref name="path"/> under the API and reads its JSON answer.</summary>
    public Task<TrackerAnswer> ReadAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool creates = false) =>
        TrackerAnswer.SendAsync(Http, Request(method, path, creates), body, cancellationToken);

    /// <summary>Sends a write whose answer is not read.</summary>
    public Task SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool creates = false) =>
        Http.SendAsync(method, Api + path, body, cancellationToken, creates: creates);

    public void Dispose() => Http.Dispose();
}
