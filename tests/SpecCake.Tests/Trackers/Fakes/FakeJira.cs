using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Trackers.Fakes;

/// <summary>
/// Jira Cloud (REST v3) and Server (REST v2): issues, JQL search (the marker clauses SpecCake sends),
/// a To Do → In Progress → Done workflow whose transitions are offered only when they change the
/// status, sub-tasks and remote links upserted by globalId.
/// </summary>
public sealed partial class FakeJira : LoopbackServer
{
    public static readonly IReadOnlyDictionary<string, (string StatusId, string StatusName, string Name)> Workflow =
        new Dictionary<string, (string, string, string)>
        {
            ["11"] = ("1", "To Do", "Reopen"),
            ["21"] = ("3", "In Progress", "Start"),
            ["31"] = ("5", "Done", "Finish"),
        };

    private readonly object gate = new();
    private readonly List<FakeJiraIssue> issues = [];

    public IReadOnlyList<FakeJiraIssue> Issues
    {
        get { lock (gate) return [.. issues]; }
    }

    public override bool IsWrite(RecordedRequest request) =>
        request.Method is "PUT" or "DELETE" || (request.Method == "POST" && !request.Path.EndsWith("/search", StringComparison.Ordinal) && !request.Path.EndsWith("/search/jql", StringComparison.Ordinal));

    public IReadOnlyList<FakeJiraIssue> IssuesWithField(string field, string value)
    {
        lock (gate)
        {
            return [.. issues.Where(issue => issue.Fields[field]?.GetValue<string>() == value)];
        }
    }

    /// <summary>Moves an issue as a person would in Jira.</summary>
    public void SetStatus(string key, string transitionId)
    {
        lock (gate)
        {
            var (statusId, statusName, _) = Workflow[transitionId];
            issues.Single(issue => issue.Key == key).Fields["status"] = Status(statusId, statusName);
        }
    }

    protected override void MapRoutes(WebApplication app)
    {
        foreach (var version in new[] { "2", "3" })
        {
            var api = "/rest/api/" + version;
            app.MapPost(api + "/issue", CreateAsync);
            app.MapPut(api + "/issue/{key}", UpdateAsync);
            app.MapGet(api + "/issue/{key}/transitions", TransitionsAsync);
            app.MapPost(api + "/issue/{key}/transitions", TransitionAsync);
            app.MapGet(api + "/issue/{key}/remotelink", RemoteLinksAsync);
            app.MapPost(api + "/issue/{key}/remotelink", LinkAsync);
        }

        app.MapPost("/rest/api/3/search/jql", context => SearchAsync(context, cloud: true));
        app.MapPost("/rest/api/2/search", context => SearchAsync(context, cloud: false));
    }

    private async Task CreateAsync(HttpContext context)
    {
        var fields = (await ReadJsonAsync(context))!["fields"]!.AsObject();
        FakeJiraIssue issue;
        lock (gate)
        {
            var number = issues.Count + 1;
            var project = fields["project"]!["key"]!.GetValue<string>();
            var type = fields["issuetype"]!["name"]!.GetValue<string>();
            issue = new FakeJiraIssue($"{project}-{number}", (10000 + number).ToString(CultureInfo.InvariantCulture))
            {
                Parent = fields["parent"]?["key"]?.GetValue<string>(),
            };
            foreach (var (name, value) in fields)
            {
                issue.Fields[name] = value?.DeepClone();
            }

            issue.Fields["issuetype"] = new JsonObject { ["name"] = type, ["subtask"] = issue.Parent is not null };
            issue.Fields["status"] = Status("1", "To Do");
            issue.Fields["labels"] ??= new JsonArray();
            issues.Add(issue);
        }

        await WriteJsonAsync(context, new JsonObject { ["id"] = issue.Id, ["key"] = issue.Key, ["self"] = "/issue/" + issue.Id }, 201);
    }

    private async Task UpdateAsync(HttpContext context)
    {
        var fields = (await ReadJsonAsync(context))!["fields"]!.AsObject();
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!);
            if (issue is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

            foreach (var (name, value) in fields)
            {
                issue.Fields[name] = value?.DeepClone();
            }
        }

        context.Response.StatusCode = 204;
    }

    private async Task TransitionsAsync(HttpContext context)
    {
        var all = context.Request.Query["includeUnavailableTransitions"] == "true";
        var only = context.Request.Query["transitionId"].ToString();
        JsonArray list;
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!)!;
            list = Transitions(issue, all, string.IsNullOrEmpty(only) ? null : only);
        }

        await WriteJsonAsync(context, new JsonObject { ["transitions"] = list });
    }

    private async Task TransitionAsync(HttpContext context)
    {
        var id = (await ReadJsonAsync(context))!["transition"]!["id"]!.GetValue<string>();
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!)!;
            if (!Workflow.TryGetValue(id, out var target) || target.StatusId == StatusId(issue))
            {
                context.Response.StatusCode = 400;
            }
            else
            {
                issue.Fields["status"] = Status(target.StatusId, target.StatusName);
                context.Response.StatusCode = 204;
                return;
            }
        }

        await WriteJsonAsync(context, new JsonObject { ["errorMessages"] = new JsonArray($"Transition id '{id}' is not valid for this issue.") }, 400);
    }

    private async Task RemoteLinksAsync(HttpContext context)
    {
        var globalId = context.Request.Query["globalId"].ToString();
        JsonArray links;
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!)!;
            links = [.. issue.RemoteLinks.Where(link => globalId.Length == 0 || link["globalId"]?.GetValue<string>() == globalId).Select(link => link.DeepClone())];
        }

        await WriteJsonAsync(context, links);
    }

    private async Task LinkAsync(HttpContext context)
    {
        var link = (await ReadJsonAsync(context))!.AsObject();
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!)!;
            var globalId = link["globalId"]?.GetValue<string>();
            issue.RemoteLinks.RemoveAll(existing => globalId is not null && existing["globalId"]?.GetValue<string>() == globalId);
            issue.RemoteLinks.Add(link);
        }

        await WriteJsonAsync(context, new JsonObject { ["id"] = 1 }, 201);
    }

    private async Task SearchAsync(HttpContext context, bool cloud)
    {
        var request = (await ReadJsonAsync(context))!.AsObject();
        var jql = request["jql"]!.GetValue<string>();
        var max = request["maxResults"]?.GetValue<int>() ?? 50;
        var start = cloud
            ? int.Parse(request["nextPageToken"]?.GetValue<string>() ?? "0", CultureInfo.InvariantCulture)
            : request["startAt"]?.GetValue<int>() ?? 0;
        var wantedFields = request["fields"]?.AsArray().Select(field => field!.GetValue<string>()).ToList() ?? [];
        var expandTransitions = request["expand"]?.ToJsonString().Contains("transitions", StringComparison.Ordinal) == true;

        var project = ProjectClause().Match(jql).Groups[1].Value;
        // Marker values come as "spec-FEAT-0001" (labels) or as the phrase "\"FEAT-0001\"" (text field).
        var values = Quoted().Matches(jql).Select(match => match.Groups[1].Value.Replace("\\\"", string.Empty, StringComparison.Ordinal)).Skip(1).ToHashSet(StringComparer.Ordinal);
        var fieldClause = FieldClause().Match(jql);
        var field = fieldClause.Success ? "customfield_" + fieldClause.Groups[1].Value : null;

        JsonArray page;
        int total;
        lock (gate)
        {
            var matches = issues.Where(issue => issue.Key.StartsWith(project + "-", StringComparison.Ordinal) && (field is null
                ? issue.Labels.Any(values.Contains)
                // "~" is a text search: a value containing the searched words matches too.
                : issue.Fields[field]?.GetValue<string>() is { } specId && values.Any(value => specId.Contains(value, StringComparison.Ordinal)))).ToList();
            total = matches.Count;
            page = [.. matches.Skip(start).Take(max).Select(issue => Render(issue, wantedFields, expandTransitions))];
        }

        var response = new JsonObject { ["issues"] = page };
        if (cloud)
        {
            if (start + max < total)
            {
                response["nextPageToken"] = (start + max).ToString(CultureInfo.InvariantCulture);
            }
        }
        else
        {
            response["startAt"] = start;
            response["maxResults"] = max;
            response["total"] = total;
        }

        await WriteJsonAsync(context, response);
    }

    private JsonObject Render(FakeJiraIssue issue, List<string> wantedFields, bool expandTransitions)
    {
        var fields = new JsonObject();
        foreach (var name in wantedFields)
        {
            if (name == "subtasks")
            {
                fields["subtasks"] = new JsonArray([.. issues.Where(sub => sub.Parent == issue.Key)
                    .Select(sub => (JsonNode)new JsonObject { ["key"] = sub.Key, ["fields"] = new JsonObject { ["summary"] = sub.Fields["summary"]?.DeepClone() } })]);
            }
            else if (issue.Fields[name] is { } value)
            {
                fields[name] = value.DeepClone();
            }
        }

        var rendered = new JsonObject { ["id"] = issue.Id, ["key"] = issue.Key, ["fields"] = fields };
        if (expandTransitions)
        {
            rendered["transitions"] = Transitions(issue, all: false, only: null);
        }

        return rendered;
    }

    private static JsonArray Transitions(FakeJiraIssue issue, bool all, string? only) =>
        [.. Workflow
            .Where(transition => (all || transition.Value.StatusId != StatusId(issue)) && (only is null || transition.Key == only))
            .Select(transition => (JsonNode)new JsonObject
            {
                ["id"] = transition.Key,
                ["name"] = transition.Value.Name,
                ["to"] = Status(transition.Value.StatusId, transition.Value.StatusName),
                ["isAvailable"] = transition.Value.StatusId != StatusId(issue),
            })];

    private FakeJiraIssue? Find(string key) => issues.FirstOrDefault(issue => issue.Key == key);

    private static string? StatusId(FakeJiraIssue issue) => issue.Fields["status"]?["id"]?.GetValue<string>();

    private static JsonObject Status(string id, string name) => new() { ["id"] = id, ["name"] = name };

    [GeneratedRegex("project = \"([^\"]+)\"")]
    private static partial Regex ProjectClause();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"cf\[(\d+)\]")]
    private static partial Regex FieldClause();
}

/// <summary>An issue the fake Jira holds.</summary>
public sealed class FakeJiraIssue(string key, string id)
{
    public string Key { get; } = key;
    public string Id { get; } = id;
    public string? Parent { get; init; }
    public JsonObject Fields { get; } = [];
    public List<JsonObject> RemoteLinks { get; } = [];

    public IReadOnlyList<string> Labels => Fields["labels"] is JsonArray labels ? [.. labels.Select(label => label!.GetValue<string>())] : [];

    public string? StatusName => Fields["status"]?["name"]?.GetValue<string>();

    public string Summary => Fields["summary"]?.GetValue<string>() ?? string.Empty;
}
