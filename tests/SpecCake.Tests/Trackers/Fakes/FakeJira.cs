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
/// a workflow whose transitions exist only out of specific statuses, as a real Jira workflow's do
/// (To Do -21-> In Progress -31-> Done, In Progress -41-> To Do, Done -11-> To Do), entity
/// properties (returned by the Cloud search only: Server's search cannot), sub-tasks, remote links
/// upserted by globalId, and issue deletion (refused with 403 when <see cref="DeleteForbidden"/>).
/// </summary>
public sealed partial class FakeJira : LoopbackServer
{
    public static readonly IReadOnlyDictionary<string, (string FromStatusId, string StatusId, string Name)> Workflow =
        new Dictionary<string, (string, string, string)>
        {
            ["21"] = ("1", "3", "Start progress"),
            ["31"] = ("3", "5", "Done"),
            ["41"] = ("3", "1", "Stop progress"),
            ["11"] = ("5", "1", "Reopen"),
        };

    private static readonly IReadOnlyDictionary<string, (string Name, string Category)> Statuses =
        new Dictionary<string, (string, string)> { ["1"] = ("To Do", "new"), ["3"] = ("In Progress", "indeterminate"), ["5"] = ("Done", "done") };

    private readonly object gate = new();
    private readonly List<FakeJiraIssue> issues = [];
    private int created;

    /// <summary>The bot may not delete issues (the "Delete issues" project permission is missing): DELETE answers 403.</summary>
    public bool DeleteForbidden { get; set; }

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

    /// <summary>Moves an issue to a status as a person would in Jira (an admin's board drag, whatever the workflow).</summary>
    public void MoveTo(string key, string statusName)
    {
        lock (gate)
        {
            var id = Statuses.Single(status => status.Value.Name == statusName).Key;
            issues.Single(issue => issue.Key == key).Fields["status"] = Status(id);
        }
    }

    /// <summary>Adds an issue directly, as another SpecCake run (or a person) would have created it.</summary>
    public FakeJiraIssue AddIssue(JsonObject fields)
    {
        lock (gate)
        {
            return Store(fields);
        }
    }

    protected override void MapRoutes(WebApplication app)
    {
        foreach (var version in new[] { "2", "3" })
        {
            var api = "/rest/api/" + version;
            app.MapPost(api + "/issue", CreateAsync);
            app.MapGet(api + "/issue/{key}", GetAsync);
            app.MapPut(api + "/issue/{key}", UpdateAsync);
            app.MapDelete(api + "/issue/{key}", DeleteAsync);
            app.MapPut(api + "/issue/{key}/properties/{property}", SetPropertyAsync);
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
            issue = Store(fields);
        }

        await WriteJsonAsync(context, new JsonObject { ["id"] = issue.Id, ["key"] = issue.Key, ["self"] = "/issue/" + issue.Id }, 201);
    }

    private FakeJiraIssue Store(JsonObject fields)
    {
        var number = ++created;
        var project = fields["project"]!["key"]!.GetValue<string>();
        var type = fields["issuetype"]?["name"]?.GetValue<string>() ?? "Story";
        var issue = new FakeJiraIssue($"{project}-{number}", (10000 + number).ToString(CultureInfo.InvariantCulture))
        {
            Parent = fields["parent"]?["key"]?.GetValue<string>(),
        };
        foreach (var (name, value) in fields)
        {
            issue.Fields[name] = value?.DeepClone();
        }

        issue.Fields["issuetype"] = new JsonObject { ["name"] = type, ["subtask"] = issue.Parent is not null };
        issue.Fields["status"] = Status("1");
        issue.Fields["labels"] ??= new JsonArray();
        issues.Add(issue);
        return issue;
    }

    private async Task GetAsync(HttpContext context)
    {
        var wantedFields = context.Request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var properties = context.Request.Query["properties"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var transitions = context.Request.Query["expand"].ToString().Contains("transitions", StringComparison.Ordinal);
        JsonObject? rendered;
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!);
            rendered = issue is null ? null : Render(issue, wantedFields, transitions, properties);
        }

        await WriteJsonAsync(context, rendered ?? NotFound(), rendered is null ? 404 : 200);
    }

    private async Task DeleteAsync(HttpContext context)
    {
        var key = (string)context.GetRouteValue("key")!;
        int status;
        lock (gate)
        {
            var issue = Find(key);
            status = DeleteForbidden ? 403
                : issue is null ? 404
                : issues.Any(sub => sub.Parent == key) && context.Request.Query["deleteSubtasks"] != "true" ? 400
                : 204;
            if (status == 204)
            {
                issues.RemoveAll(candidate => candidate == issue || candidate.Parent == key);
            }
        }

        await WriteJsonAsync(context, status switch
        {
            204 => null,
            403 => new JsonObject { ["errorMessages"] = new JsonArray("You do not have permission to delete issues in this project.") },
            404 => NotFound(),
            _ => new JsonObject { ["errorMessages"] = new JsonArray("The issue has subtasks; set deleteSubtasks to delete them too.") },
        }, status);
    }

    private async Task SetPropertyAsync(HttpContext context)
    {
        var value = await ReadJsonAsync(context);
        bool found, existed = false;
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!);
            found = issue is not null && value is not null;
            if (found)
            {
                var property = (string)context.GetRouteValue("property")!;
                existed = issue!.Properties.ContainsKey(property);
                issue.Properties[property] = value!.DeepClone();
            }
        }

        await WriteJsonAsync(context, found ? null : NotFound(), !found ? 404 : existed ? 200 : 201);
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
        var only = context.Request.Query["transitionId"].ToString();
        JsonArray? list;
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!);
            list = issue is null ? null : Transitions(issue, string.IsNullOrEmpty(only) ? null : only);
        }

        await WriteJsonAsync(context, list is null ? NotFound() : new JsonObject { ["transitions"] = list }, list is null ? 404 : 200);
    }

    private async Task TransitionAsync(HttpContext context)
    {
        var id = (await ReadJsonAsync(context))!["transition"]!["id"]!.GetValue<string>();
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!);
            if (issue is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

            // Jira carries out only a transition out of the issue's current status.
            if (Workflow.TryGetValue(id, out var transition) && transition.FromStatusId == StatusId(issue))
            {
                issue.Fields["status"] = Status(transition.StatusId);
                context.Response.StatusCode = 204;
                return;
            }
        }

        await WriteJsonAsync(context, new JsonObject { ["errorMessages"] = new JsonArray($"Transition id '{id}' is not valid for this issue.") }, 400);
    }

    private async Task RemoteLinksAsync(HttpContext context)
    {
        var globalId = context.Request.Query["globalId"].ToString();
        JsonArray? links;
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!);
            links = issue is null ? null : [.. issue.RemoteLinks.Where(link => globalId.Length == 0 || link["globalId"]?.GetValue<string>() == globalId).Select(link => link.DeepClone())];
        }

        await WriteJsonAsync(context, links ?? (JsonNode)NotFound(), links is null ? 404 : 200);
    }

    private async Task LinkAsync(HttpContext context)
    {
        var link = (await ReadJsonAsync(context))!.AsObject();
        lock (gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!);
            if (issue is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

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
        // Jira Server/Data Center's search cannot return issue properties (JRASERVER-62898); Cloud's can.
        var properties = cloud ? request["properties"]?.AsArray().Select(property => property!.GetValue<string>()).ToList() ?? [] : [];

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
            page = [.. matches.Skip(start).Take(max).Select(issue => Render(issue, wantedFields, expandTransitions, properties))];
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

    private JsonObject Render(FakeJiraIssue issue, List<string> wantedFields, bool expandTransitions, List<string> properties)
    {
        var fields = new JsonObject();
        foreach (var name in wantedFields)
        {
            if (name == "subtasks")
            {
                fields["subtasks"] = new JsonArray([.. issues.Where(sub => sub.Parent == issue.Key)
                    .Select(sub => (JsonNode)new JsonObject { ["id"] = sub.Id, ["key"] = sub.Key, ["fields"] = new JsonObject { ["summary"] = sub.Fields["summary"]?.DeepClone() } })]);
            }
            else if (issue.Fields[name] is { } value)
            {
                fields[name] = value.DeepClone();
            }
        }

        var rendered = new JsonObject { ["id"] = issue.Id, ["key"] = issue.Key, ["fields"] = fields };
        if (expandTransitions)
        {
            rendered["transitions"] = Transitions(issue, only: null);
        }

        if (properties.Count > 0)
        {
            rendered["properties"] = new JsonObject(properties
                .Where(issue.Properties.ContainsKey)
                .Select(property => KeyValuePair.Create(property, issue.Properties[property]?.DeepClone())));
        }

        return rendered;
    }

    // Only the transitions out of the issue's current status, as Jira lists them.
    private static JsonArray Transitions(FakeJiraIssue issue, string? only) =>
        [.. Workflow
            .Where(transition => transition.Value.FromStatusId == StatusId(issue) && (only is null || transition.Key == only))
            .Select(transition => (JsonNode)new JsonObject
            {
                ["id"] = transition.Key,
                ["name"] = transition.Value.Name,
                ["to"] = Status(transition.Value.StatusId),
                ["isAvailable"] = true,
            })];

    private static JsonObject NotFound() => new() { ["errorMessages"] = new JsonArray("Issue does not exist or you do not have permission to see it.") };

    private FakeJiraIssue? Find(string key) => issues.FirstOrDefault(issue => issue.Key == key);

    private static string? StatusId(FakeJiraIssue issue) => issue.Fields["status"]?["id"]?.GetValue<string>();

    private static JsonObject Status(string id) => new()
    {
        ["id"] = id,
        ["name"] = Statuses[id].Name,
        ["statusCategory"] = new JsonObject { ["key"] = Statuses[id].Category },
    };

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
    public Dictionary<string, JsonNode?> Properties { get; } = [];

    public IReadOnlyList<string> Labels => Fields["labels"] is JsonArray labels ? [.. labels.Select(label => label!.GetValue<string>())] : [];

    public string? StatusName => Fields["status"]?["name"]?.GetValue<string>();

    public string Summary => Fields["summary"]?.GetValue<string>() ?? string.Empty;
}
