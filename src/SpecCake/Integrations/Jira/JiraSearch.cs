using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Jira's issue search, as SpecCake finds its issues: by the marker (the <c>field_mappings.spec_id</c>
/// custom field, or the label <c>spec-&lt;ID&gt;</c> when no field is mapped), many specs per JQL query,
/// page by page in the dialect's way.
/// </summary>
internal sealed class JiraSearch(JiraConnection jira, JiraOptions options, JiraIssueReader reader)
{
    private const int PageSize = 100;

    /// <summary>The label every spec's issue carries besides its marker.</summary>
    public const string SpecLabel = "spec";

    /// <summary>The spec's marker label, <c>spec-&lt;ID&gt;</c>.</summary>
    public static string MarkerLabel(string specId) => "spec-" + specId;

    /// <summary>The JQL that finds the issues of <paramref name="specIds"/> in the project.</summary>
    public string MarkerQuery(IEnumerable<string> specIds)
    {
        var project = $"project = {Quote(options.ProjectKey!)}";
        if (options.SpecField is { } field)
        {
            var clause = FieldClause(field);
            // "~" is a text search in which "-" would negate a word: search the ID as one exact phrase.
            return $"{project} AND ({string.Join(" OR ", specIds.Select(id => $"{clause} ~ {Quote(Quote(id))}"))})";
        }

        return $"{project} AND labels IN ({string.Join(", ", specIds.Select(id => Quote(MarkerLabel(id))))})";
    }

    /// <summary>Every issue the JQL finds, with what the reconciler compares and the transitions each offers.</summary>
    /// <param name="jql">The query.</param>
    /// <param name="reconcile">Issues this run created, to make current in the search (Cloud).</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public async IAsyncEnumerable<JiraIssue> IssuesAsync(string jql, IReadOnlyList<long> reconcile, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fieldNames = new JsonArray("summary", "description", "labels", "status", "subtasks", "issuetype");
        if (options.SpecField is { } specField)
        {
            fieldNames.Add((JsonNode)specField);
        }

        if (options.CriteriaField is { } criteriaField)
        {
            fieldNames.Add((JsonNode)criteriaField);
        }

        JiraSearchPage? previous = null;
        while (true)
        {
            var body = new JsonObject { ["jql"] = jql, ["fields"] = fieldNames.DeepClone(), ["maxResults"] = PageSize };
            var path = jira.Dialect.SearchPage(body, reconcile, previous);
            var page = await jira.ReadAsync(HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false);
            var issues = page.Array("issues").ToList();
            foreach (var issue in issues)
            {
                yield return reader.Read(issue);
            }

            previous = jira.Dialect.NextPage(page, issues.Count, previous);
            if (previous is null)
            {
                yield break;
            }
        }
    }

    /// <summary>A JQL string literal.</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // JQL names custom fields cf[NNNNN]; "customfield_NNNNN" is not a JQL field name.
    private static string FieldClause(string field) =>
        field.StartsWith("customfield_", StringComparison.Ordinal) ? $"cf[{field["customfield_".Length..]}]" : Quote(field);
}
