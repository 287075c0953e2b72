using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpecCake.Tests.Trackers.Fakes;

/// <summary>
/// Jira Cloud (REST v3) and Server (REST v2): issues, JQL search (the marker clauses SpecCake sends),
/// a workflow whose transitions exist only out of specific statuses, as a real Jira workflow's do
/// (To Do -21-> In Progress -31-> Done, In Progress -41-> To Do, Done -11-> To Do), entity
/// properties (returned by the Cloud search only: Server's search cannot), sub-tasks, remote links
/// upserted by globalId, and issue deletion (refused with 403 when <see cref="DeleteForbidden"/>).
/// CheckIntegrations' reads too, shaped as Jira answers them: <c>/myself</c>, <c>/mypermissions</c>,
/// <c>/project/{key}</c> (with its issue types), <c>/project/{key}/statuses</c>, <c>/field</c>, the GET
/// searches, and Cloud's workflow scheme and workflow (403 unless <see cref="AdministerJira"/>).
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

    /// <summary>The project's ID, as <c>/project/{key}</c> answers it.</summary>
    public const string ProjectId = "10000";

    private readonly object _gate = new();
    private readonly List<FakeJiraIssue> _issues = [];
    private int _created;

    /// <summary>The projects the account can browse.</summary>
    public HashSet<string> Projects { get; } = new(StringComparer.Ordinal) { "PROJ" };

    /// <summary>The project permissions the account has (<c>/mypermissions</c>); every one SpecCake asks for by default.</summary>
    public HashSet<string> Permissions { get; } = new(StringComparer.Ordinal) { "BROWSE_PROJECTS", "CREATE_ISSUES", "EDIT_ISSUES", "TRANSITION_ISSUES", "DELETE_ISSUES" };

    /// <summary>The fields Jira has (<c>/field</c>): id → display name.</summary>
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal)
    {
        ["summary"] = "Summary",
        ["description"] = "Description",
        ["labels"] = "Labels",
        ["customfield_10001"] = "Spec ID",
        ["customfield_10002"] = "Acceptance criteria",
    };

    /// <summary>Whether the account has the Administer Jira permission, which Cloud's workflow scheme and workflow reads need.</summary>
    public bool AdministerJira { get; set; }

    /// <summary>Every request is answered 401, as Jira answers credentials it does not accept.</summary>
    public bool RejectCredentials { get; set; }

    /// <summary>The bot may not delete issues (the "Delete issues" project permission is missing): DELETE answers 403.</summary>
    public bool DeleteForbidden { get; set; }

    public IReadOnlyList<FakeJiraIssue> Issues
    {
        get { lock (_gate)
            {
                return [.. _issues];
            }
        }
    }

    public override bool IsWrite(RecordedRequest request) =>
        request.Method is "PUT" or "DELETE" || (request.Method == "POST" && !request.Path.EndsWith("/search", StringComparison.Ordinal) && !request.Path.EndsWith("/search/jql", StringComparison.Ordinal));

    public IReadOnlyList<FakeJiraIssue> IssuesWithField(string field, string value)
    {
        lock (_gate)
        {
            return [.. _issues.Where(issue => issue.Fields[field]?.GetValue<string>() == value)];
        }
    }

    /// <summary>Moves an issue to a status as a person would in Jira (an admin's board drag, whatever the workflow).</summary>
    public void MoveTo(string key, string statusName)
    {
        lock (_gate)
        {
            var id = Statuses.Single(status => status.Value.Name == statusName).Key;
            _issues.Single(issue => issue.Key == key).Fields["status"] = Status(id);
        }
    }

    /// <summary>Adds an issue directly, as another SpecCake run (or a person) would have created it.</summary>
    public FakeJiraIssue AddIssue(JsonObject fields)
    {
        lock (_gate)
        {
            return Store(fields);
        }
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (RejectCredentials)
            {
                await WriteJsonAsync(context, new JsonObject { ["errorMessages"] = new JsonArray("You are not authenticated. Authentication required to perform this operation.") }, 401);
                return;
            }

            await next(context);
        });
        foreach (var version in new[] { "2", "3" })
        {
            var api = "/rest/api/" + version;
            var cloud = version == "3";
            app.MapGet(api + "/myself", context => MyselfAsync(context, cloud));
            app.MapGet(api + "/mypermissions", MyPermissionsAsync);
            app.MapGet(api + "/project/{key}", context => ProjectAsync(context, cloud));
            app.MapGet(api + "/project/{key}/statuses", context => ProjectStatusesAsync(context, cloud));
            app.MapGet(api + "/field", FieldsAsync);
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
        app.MapGet("/rest/api/3/search/jql", ProjectSearchAsync);
        app.MapGet("/rest/api/2/search", ProjectSearchAsync);
        app.MapGet("/rest/api/3/workflowscheme/project", WorkflowSchemeAsync);
        app.MapGet("/rest/api/3/workflow/search", WorkflowSearchAsync);
    }

    /// <summary>The issue types of the project: Cloud calls the sub-task type "Subtask", Server "Sub-task".</summary>
    public static IReadOnlyList<(string Id, string Name, bool Subtask)> IssueTypes(bool cloud) =>
        [("10001", "Story", false), ("10002", "Bug", false), ("10003", cloud ? "Subtask" : "Sub-task", true)];

    private static Task MyselfAsync(HttpContext context, bool cloud) => WriteJsonAsync(context, cloud
        ? new JsonObject { ["accountId"] = "5b10ac8d82e05b22cc7d4ef5", ["emailAddress"] = "bot@example.com", ["displayName"] = "SpecCake Bot", ["active"] = true }
        : new JsonObject { ["name"] = "speccake-bot", ["key"] = "JIRAUSER10100", ["emailAddress"] = "bot@example.com", ["displayName"] = "SpecCake Bot", ["active"] = true });

    private Task MyPermissionsAsync(HttpContext context)
    {
        var project = context.Request.Query["projectKey"].ToString();
        if (project.Length > 0 && !Projects.Contains(project))
        {
            return WriteJsonAsync(context, new JsonObject { ["errorMessages"] = new JsonArray($"No project could be found with key '{project}'.") }, 404);
        }

        var permissions = new JsonObject();
        foreach (var key in context.Request.Query["permissions"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            permissions[key] = new JsonObject
            {
                ["id"] = "1",
                ["key"] = key,
                ["name"] = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(key.Replace('_', ' ').ToLowerInvariant()),
                ["type"] = "PROJECT",
                ["havePermission"] = Permissions.Contains(key),
            };
        }

        return WriteJsonAsync(context, new JsonObject { ["permissions"] = permissions });
    }

    private Task ProjectAsync(HttpContext context, bool cloud)
    {
        var key = (string)context.GetRouteValue("key")!;
        if (!Projects.Contains(key))
        {
            return WriteJsonAsync(context, new JsonObject { ["errorMessages"] = new JsonArray($"No project could be found with key '{key}'."), ["errors"] = new JsonObject() }, 404);
        }

        return WriteJsonAsync(context, new JsonObject
        {
            ["id"] = ProjectId,
            ["key"] = key,
            ["name"] = "Project " + key,
            ["issueTypes"] = new JsonArray([.. IssueTypes(cloud).Select(type => (JsonNode)new JsonObject { ["id"] = type.Id, ["name"] = type.Name, ["subtask"] = type.Subtask })]),
        });
    }

    private Task ProjectStatusesAsync(HttpContext context, bool cloud)
    {
        var key = (string)context.GetRouteValue("key")!;
        if (!Projects.Contains(key))
        {
            return WriteJsonAsync(context, new JsonObject { ["errorMessages"] = new JsonArray($"No project could be found with key '{key}'.") }, 404);
        }

        return WriteJsonAsync(context, new JsonArray([.. IssueTypes(cloud).Select(type => (JsonNode)new JsonObject
        {
            ["id"] = type.Id,
            ["name"] = type.Name,
            ["subtask"] = type.Subtask,
            ["statuses"] = new JsonArray([.. Statuses.Keys.Select(id => (JsonNode)Status(id))]),
        })]));
    }

    private Task FieldsAsync(HttpContext context) =>
        WriteJsonAsync(context, new JsonArray([.. Fields.Select(field => (JsonNode)new JsonObject
        {
            ["id"] = field.Key,
            ["name"] = field.Value,
            ["custom"] = field.Key.StartsWith("customfield_", StringComparison.Ordinal),
        })]));

    // The GET search CheckIntegrations sends: project = "PROJ" AND issuetype = "Story" ORDER BY ...
    private async Task ProjectSearchAsync(HttpContext context)
    {
        var jql = context.Request.Query["jql"].ToString();
        var project = ProjectClause().Match(jql).Groups[1].Value;
        var type = TypeClause().Match(jql) is { Success: true } match ? match.Groups[1].Value : null;
        var max = int.TryParse(context.Request.Query["maxResults"], CultureInfo.InvariantCulture, out var given) ? given : 50;
        var wantedFields = context.Request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var transitions = context.Request.Query["expand"].ToString().Contains("transitions", StringComparison.Ordinal);
        JsonArray page;
        lock (_gate)
        {
            page = [.. _issues
                .Where(issue => issue.Key.StartsWith(project + "-", StringComparison.Ordinal)
                    && (type is null || issue.Fields["issuetype"]?["name"]?.GetValue<string>() == type))
                .Take(max)
                .Select(issue => Render(issue, wantedFields, transitions, []))];
        }

        await WriteJsonAsync(context, new JsonObject { ["issues"] = page, ["startAt"] = 0, ["maxResults"] = max });
    }

    private Task WorkflowSchemeAsync(HttpContext context)
    {
        if (!AdministerJira)
        {
            return NotAdministrator(context);
        }

        return WriteJsonAsync(context, new JsonObject
        {
            ["values"] = new JsonArray(new JsonObject
            {
                ["projectIds"] = new JsonArray(context.Request.Query["projectId"].ToString()),
                ["workflowScheme"] = new JsonObject
                {
                    ["id"] = 10100,
                    ["name"] = "PROJ: Software Simplified Workflow Scheme",
                    ["defaultWorkflow"] = "jira",
                    ["issueTypeMappings"] = new JsonObject { ["10001"] = "Software Simplified Workflow for Project PROJ" },
                },
            }),
        });
    }

    private Task WorkflowSearchAsync(HttpContext context)
    {
        if (!AdministerJira)
        {
            return NotAdministrator(context);
        }

        var name = context.Request.Query["workflowName"].ToString();
        return WriteJsonAsync(context, new JsonObject
        {
            ["isLast"] = true,
            ["maxResults"] = 50,
            ["startAt"] = 0,
            ["total"] = 1,
            ["values"] = new JsonArray(new JsonObject
            {
                ["id"] = new JsonObject { ["name"] = name, ["entityId"] = "a9b2b3b4-0000-4000-8000-000000000001" },
                ["description"] = string.Empty,
                ["transitions"] = new JsonArray([.. Workflow.Select(transition => (JsonNode)new JsonObject
                {
                    ["id"] = transition.Key,
                    ["name"] = transition.Value.Name,
                    ["description"] = string.Empty,
                    ["from"] = new JsonArray(transition.Value.FromStatusId),
                    ["to"] = transition.Value.StatusId,
                    ["type"] = "directed",
                })]),
                ["statuses"] = new JsonArray([.. Statuses.Select(status => (JsonNode)new JsonObject { ["id"] = status.Key, ["name"] = status.Value.Name })]),
            }),
        });
    }

    private static Task NotAdministrator(HttpContext context) =>
        WriteJsonAsync(context, new JsonObject { ["errorMessages"] = new JsonArray("Only Jira administrators can access workflow configuration."), ["errors"] = new JsonObject() }, 403);

    private async Task CreateAsync(HttpContext context)
    {
        var fields = (await ReadJsonAsync(context))!["fields"]!.AsObject();
        FakeJiraIssue issue;
        lock (_gate)
        {
            issue = Store(fields);
        }

        await WriteJsonAsync(context, new JsonObject { ["id"] = issue.Id, ["key"] = issue.Key, ["self"] = "/issue/" + issue.Id }, 201);
    }

    private FakeJiraIssue Store(JsonObject fields)
    {
        var number = ++_created;
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
        _issues.Add(issue);
        return issue;
    }

    private async Task GetAsync(HttpContext context)
    {
        var wantedFields = context.Request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var properties = context.Request.Query["properties"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var transitions = context.Request.Query["expand"].ToString().Contains("transitions", StringComparison.Ordinal);
        JsonObject? rendered;
        lock (_gate)
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
        lock (_gate)
        {
            var issue = Find(key);
            status = DeleteForbidden ? 403
                : issue is null ? 404
                : _issues.Any(sub => sub.Parent == key) && context.Request.Query["deleteSubtasks"] != "true" ? 400
                : 204;
            if (status == 204)
            {
                _issues.RemoveAll(candidate => candidate == issue || candidate.Parent == key);
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
        lock (_gate)
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
        lock (_gate)
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
        lock (_gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!);
            list = issue is null ? null : Transitions(issue, string.IsNullOrEmpty(only) ? null : only);
        }

        await WriteJsonAsync(context, list is null ? NotFound() : new JsonObject { ["transitions"] = list }, list is null ? 404 : 200);
    }

    private async Task TransitionAsync(HttpContext context)
    {
        var id = (await ReadJsonAsync(context))!["transition"]!["id"]!.GetValue<string>();
        lock (_gate)
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
        lock (_gate)
        {
            var issue = Find((string)context.GetRouteValue("key")!);
            links = issue is null ? null : [.. issue.RemoteLinks.Where(link => globalId.Length == 0 || link["globalId"]?.GetValue<string>() == globalId).Select(link => link.DeepClone())];
        }

        await WriteJsonAsync(context, links ?? (JsonNode)NotFound(), links is null ? 404 : 200);
    }

    private async Task LinkAsync(HttpContext context)
    {
        var link = (await ReadJsonAsync(context))!.AsObject();
        lock (_gate)
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
        lock (_gate)
        {
            var matches = _issues.Where(issue => issue.Key.StartsWith(project + "-", StringComparison.Ordinal) && (field is null
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
                fields["subtasks"] = new JsonArray([.. _issues.Where(sub => sub.Parent == issue.Key)
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

    private FakeJiraIssue? Find(string key) => _issues.FirstOrDefault(issue => issue.Key == key);

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

    [GeneratedRegex("issuetype = \"([^\"]+)\"")]
    private static partial Regex TypeClause();
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
