using System.Text.Json.Nodes;
using SpecCake.Events;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// A spec's pull request as a remote link on its issue. Jira upserts remote links by <c>globalId</c>,
/// so a repeated link updates the one link instead of adding another.
/// </summary>
internal sealed class JiraRemoteLinks(JiraConnection jira)
{
    /// <summary>Whether the issue already links the pull request with its current title.</summary>
    public async Task<bool> HasAsync(string key, PullRequestReference pr, CancellationToken cancellationToken)
    {
        var links = await jira.GetAsync($"/issue/{key}/remotelink?globalId={Uri.EscapeDataString(GlobalId(pr))}", cancellationToken).ConfigureAwait(false);
        return links.Items().Any(link =>
            link.OptionalObject("object") is { } target && target.OptionalString("url") == pr.Url && target.OptionalString("title") == pr.Title);
    }

    /// <summary>Links the pull request (or updates its link).</summary>
    public Task LinkAsync(string key, PullRequestReference pr, CancellationToken cancellationToken) =>
        jira.SendAsync(HttpMethod.Post, $"/issue/{key}/remotelink", new JsonObject
        {
            ["globalId"] = GlobalId(pr),
            ["relationship"] = "pull request",
            ["object"] = new JsonObject { ["url"] = pr.Url, ["title"] = pr.Title },
        }, cancellationToken);

    private static string GlobalId(PullRequestReference pr) => "speccake-pr=" + pr.Url;
}
