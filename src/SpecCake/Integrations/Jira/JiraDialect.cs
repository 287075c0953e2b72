using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// What differs between the two Jiras SpecCake talks to, in one place: Jira Cloud (REST v3, Basic
/// <c>JIRA_EMAIL:JIRA_API_TOKEN</c>, rich text in Atlassian Document Format, the token-paged
/// <c>/search/jql</c>) and Jira Server/Data Center (REST v2, a bearer personal access token, wiki
/// markup, the offset-paged <c>/search</c>). Everything else in the Jira folder is written once and
/// asks its dialect; see docs/jira.md.
/// </summary>
internal abstract class JiraDialect
{
    /// <summary>The dialect of a site signed in to with <paramref name="email"/>: Cloud with one, Server/Data Center without.</summary>
    public static JiraDialect For(string? email) => email is null ? JiraServer.Instance : JiraCloud.Instance;

    /// <summary>What messages call it, e.g. <c>Jira Cloud</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The REST API's path under the site, e.g. <c>/rest/api/3</c>.</summary>
    public abstract string ApiPath { get; }

    /// <summary>The default sub-task issue type's name.</summary>
    public abstract string SubtaskTypeName { get; }

    /// <summary>Whether the search returns issue properties (the applied spec status); Server's cannot (JRASERVER-62898).</summary>
    public abstract bool SearchReturnsProperties { get; }

    /// <summary>Whether the workflow API lists a workflow's transitions (Cloud, for Jira administrators).</summary>
    public abstract bool ListsWorkflowTransitions { get; }

    /// <summary>The <c>Authorization</c> header; what it encodes is added to <paramref name="mask"/>.</summary>
    public abstract string Authorization(string? email, string token, SecretMasker mask);

    /// <summary>The issue description as the dialect's rich text.</summary>
    public abstract JsonNode Description(Spec spec);

    /// <summary>The words of <see cref="Description"/>, as read back from Jira.</summary>
    public abstract string DescriptionText(Spec spec);

    /// <summary>The acceptance criteria for the <c>acceptance_criteria</c> custom field.</summary>
    public abstract JsonNode Criteria(Spec spec);

    /// <summary>The words of <see cref="Criteria"/>, as read back from Jira.</summary>
    public abstract string CriteriaText(Spec spec);

    /// <summary>The POST of the search's first page, or of the page after <paramref name="previous"/>.</summary>
    /// <param name="body">The JQL, fields and page size, which the dialect completes.</param>
    /// <param name="reconcile">Issues just created, to make current in the search where the dialect can.</param>
    /// <param name="previous">The page before, or null for the first.</param>
    /// <returns>The path under <see cref="ApiPath"/>.</returns>
    public abstract string SearchPage(JsonObject body, IReadOnlyList<long> reconcile, JiraSearchPage? previous);

    /// <summary>Where the search goes on after <paramref name="page"/> (of <paramref name="count"/> issues), or null when it ends.</summary>
    public abstract JiraSearchPage? NextPage(TrackerAnswer page, int count, JiraSearchPage? previous);

    /// <summary>A one-page GET search (read-only), e.g. for the transitions the project's issues offer.</summary>
    /// <param name="jql">The query.</param>
    /// <param name="fields">The fields to return.</param>
    /// <param name="max">How many issues.</param>
    /// <returns>The path and query under <see cref="ApiPath"/>.</returns>
    public abstract string SearchGet(string jql, string fields, int max);

    /// <summary>Who <c>/myself</c> says the credentials belong to, e.g. <c>SpecCake Bot (bot@example.com)</c>.</summary>
    public abstract string Identity(TrackerAnswer myself);

    protected static string Query(string value) => Uri.EscapeDataString(value);

    private sealed class JiraCloud : JiraDialect
    {
        public static JiraCloud Instance { get; } = new();

        public override string Name => "Jira Cloud";

        public override string ApiPath => "/rest/api/3";

        public override string SubtaskTypeName => "Subtask";

        public override bool SearchReturnsProperties => true;

        public override bool ListsWorkflowTransitions => true;

        public override string Authorization(string? email, string token, SecretMasker mask)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(email + ":" + token));
            mask.Add(basic);
            return "Basic " + basic;
        }

        public override JsonNode Description(Spec spec) => AtlassianDocument.Description(spec);

        public override string DescriptionText(Spec spec) => AtlassianDocument.PlainText(AtlassianDocument.Description(spec));

        public override JsonNode Criteria(Spec spec) => AtlassianDocument.Criteria(spec);

        public override string CriteriaText(Spec spec) => AtlassianDocument.PlainText(AtlassianDocument.Criteria(spec));

        public override string SearchPage(JsonObject body, IReadOnlyList<long> reconcile, JiraSearchPage? previous)
        {
            body["expand"] = "transitions";
            body["properties"] = new JsonArray(JiraWorkflow.PropertyKey);
            if (reconcile.Count > 0)
            {
                body["reconcileIssues"] = new JsonArray([.. reconcile.Select(id => (JsonNode)id)]);
            }

            if (previous?.Token is { } token)
            {
                body["nextPageToken"] = token;
            }

            return "/search/jql";
        }

        public override JiraSearchPage? NextPage(TrackerAnswer page, int count, JiraSearchPage? previous) =>
            page.OptionalString("nextPageToken") is { } token && count > 0 ? new JiraSearchPage(token, 0) : null;

        public override string SearchGet(string jql, string fields, int max) =>
            string.Create(CultureInfo.InvariantCulture, $"/search/jql?jql={Query(jql)}&fields={Query(fields)}&expand=transitions&maxResults={max}");

        public override string Identity(TrackerAnswer myself)
        {
            var name = myself.OptionalString("displayName") ?? myself.OptionalString("accountId") ?? "?";
            return myself.OptionalString("emailAddress") is { Length: > 0 } email ? $"{name} ({email})" : name;
        }
    }

    private sealed class JiraServer : JiraDialect
    {
        public static JiraServer Instance { get; } = new();

        public override string Name => "Jira Server/Data Center";

        public override string ApiPath => "/rest/api/2";

        public override string SubtaskTypeName => "Sub-task";

        public override bool SearchReturnsProperties => false;

        public override bool ListsWorkflowTransitions => false;

        public override string Authorization(string? email, string token, SecretMasker mask) => "Bearer " + token;

        public override JsonNode Description(Spec spec) => JsonValue.Create(AtlassianDocument.WikiMarkup(spec));

        public override string DescriptionText(Spec spec) => AtlassianDocument.WikiMarkup(spec);

        public override JsonNode Criteria(Spec spec) => JsonValue.Create(AtlassianDocument.CriteriaWiki(spec));

        public override string CriteriaText(Spec spec) => AtlassianDocument.CriteriaWiki(spec);

        public override string SearchPage(JsonObject body, IReadOnlyList<long> reconcile, JiraSearchPage? previous)
        {
            body["expand"] = new JsonArray("transitions");
            body["startAt"] = previous?.StartAt ?? 0;
            return "/search";
        }

        public override JiraSearchPage? NextPage(TrackerAnswer page, int count, JiraSearchPage? previous)
        {
            var startAt = (previous?.StartAt ?? 0) + count;
            var total = page.OptionalValue("total") is not null ? page.Int32("total") : startAt;
            return count == 0 || startAt >= total ? null : new JiraSearchPage(null, startAt);
        }

        public override string SearchGet(string jql, string fields, int max) =>
            string.Create(CultureInfo.InvariantCulture, $"/search?jql={Query(jql)}&fields={Query(fields)}&expand=transitions&maxResults={max}");

        public override string Identity(TrackerAnswer myself)
        {
            var name = myself.OptionalString("displayName") ?? myself.OptionalString("name") ?? "?";
            return myself.OptionalString("name") is { Length: > 0 } user && user != name ? $"{name} ({user})" : name;
        }
    }
}

/// <summary>Where a search page starts: Cloud's <c>nextPageToken</c>, or Server's <c>startAt</c>.</summary>
/// <param name="Token">Cloud's token for the next page.</param>
/// <param name="StartAt">Server's offset of the next page.</param>
internal sealed record JiraSearchPage(string? Token, int StartAt);
