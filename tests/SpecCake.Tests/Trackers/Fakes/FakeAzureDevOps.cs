using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpecCake.Tests.Trackers.Fakes;

/// <summary>
/// Azure DevOps Boards work items (REST 7.1): WIQL on tags, <c>workitemsbatch</c>, and create/update
/// by JSON Patch (any other content type is refused with 415, as the real service does), and delete
/// to the recycle bin (refused with 403 when <see cref="DeleteForbidden"/>). The Agile process's states
/// are the only valid <c>System.State</c> values.
/// </summary>
public sealed partial class FakeAzureDevOps : LoopbackServer
{
    public static readonly IReadOnlySet<string> ValidStates = new HashSet<string> { "New", "Active", "Resolved", "Closed", "Removed" };

    private readonly object _gate = new();
    private readonly List<FakeWorkItem> _items = [];
    private readonly List<FakeWorkItem> _recycleBin = [];
    private int _created;

    /// <summary>The token may not delete work items ("Delete and restore work items" is denied): DELETE answers 403.</summary>
    public bool DeleteForbidden { get; set; }

    public IReadOnlyList<FakeWorkItem> Items
    {
        get { lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>Work items deleted to the recycle bin.</summary>
    public IReadOnlyList<FakeWorkItem> RecycleBin
    {
        get { lock (_gate)
            {
                return [.. _recycleBin];
            }
        }
    }

    public override bool IsWrite(RecordedRequest request) =>
        request.Method is "PATCH" or "DELETE" || (request.Method == "POST" && request.Path.Contains("/workitems/", StringComparison.Ordinal));

    /// <summary>Adds a work item directly, as another SpecCake run (or a person) would have created it.</summary>
    public FakeWorkItem AddItem(string type, string title, string tags, string state = "New")
    {
        lock (_gate)
        {
            var item = new FakeWorkItem(++_created) { Rev = 1 };
            item.Fields["System.WorkItemType"] = type;
            item.Fields["System.Title"] = title;
            item.Fields["System.Tags"] = tags;
            item.Fields["System.State"] = state;
            _items.Add(item);
            return item;
        }
    }

    /// <summary>Changes a field as a person would in Boards.</summary>
    public void SetField(int id, string field, string value)
    {
        lock (_gate)
        {
            _items.Single(item => item.Id == id).Fields[field] = value;
        }
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapPost("/{org}/{project}/_apis/wit/wiql", WiqlAsync);
        app.MapPost("/{org}/{project}/_apis/wit/workitemsbatch", BatchAsync);
        app.MapPost("/{org}/{project}/_apis/wit/workitems/{type}", context => SaveAsync(context, create: true));
        app.MapMethods("/{org}/{project}/_apis/wit/workitems/{id}", ["PATCH"], context => SaveAsync(context, create: false));
        app.MapDelete("/{org}/{project}/_apis/wit/workitems/{id}", DeleteAsync);
        app.MapGet("/{org}/_apis/projects/{project}", ProjectAsync);
        app.MapGet("/{org}/{project}/_apis/wit/workitemtypes", WorkItemTypesAsync);
        app.MapGet("/{org}/{project}/_apis/wit/workitemtypes/{type}/states", StatesAsync);
    }

    /// <summary>The project's work item types (the Agile process's) and their states, as the checks read them.</summary>
    public Dictionary<string, string[]> WorkItemTypes { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["User Story"] = ["New", "Active", "Resolved", "Closed", "Removed"],
        ["Bug"] = ["New", "Active", "Resolved", "Closed"],
        ["Task"] = ["New", "Active", "Closed", "Removed"],
    };

    private Task ProjectAsync(HttpContext context)
    {
        var project = (string)context.GetRouteValue("project")!;
        return project == "your-project"
            ? WriteJsonAsync(context, new JsonObject { ["id"] = "eb6e4656-77fc-42a1-9181-4c6d8e9da5d1", ["name"] = project, ["state"] = "wellFormed", ["visibility"] = "private" })
            : WriteJsonAsync(context, new JsonObject
            {
                ["$id"] = "1",
                ["message"] = $"TF200016: The following project does not exist: {project}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.",
                ["typeKey"] = "ProjectDoesNotExistWithNameException",
            }, 404);
    }

    private Task WorkItemTypesAsync(HttpContext context) =>
        WriteJsonAsync(context, new JsonObject
        {
            ["count"] = WorkItemTypes.Count,
            ["value"] = new JsonArray([.. WorkItemTypes.Keys.Select(name => (JsonNode)new JsonObject { ["name"] = name, ["referenceName"] = "Microsoft.VSTS.WorkItemTypes." + name.Replace(" ", string.Empty, StringComparison.Ordinal) })]),
        });

    private Task StatesAsync(HttpContext context)
    {
        var type = (string)context.GetRouteValue("type")!;
        return WorkItemTypes.TryGetValue(type, out var states)
            ? WriteJsonAsync(context, new JsonObject
            {
                ["count"] = states.Length,
                ["value"] = new JsonArray([.. states.Select(state => (JsonNode)new JsonObject { ["name"] = state, ["color"] = "b2b2b2", ["category"] = state == "New" ? "Proposed" : state is "Closed" or "Removed" ? "Completed" : "InProgress" })]),
            })
            : WriteJsonAsync(context, new JsonObject { ["message"] = $"TF51535: Cannot find work item type {type}.", ["typeKey"] = "WorkItemTypeNotFoundException" }, 404);
    }

    private async Task WiqlAsync(HttpContext context)
    {
        var query = (await ReadJsonAsync(context))!["query"]!.GetValue<string>();
        var tags = TagClause().Matches(query).Select(match => match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)).ToList();
        var type = TypeClause().Match(query).Groups[1].Value;
        JsonArray found;
        lock (_gate)
        {
            found = [.. _items
                .Where(item => item.Fields.GetValueOrDefault("System.WorkItemType") == type &&
                    // CONTAINS on tags matches a tag that contains the words: SpecCake must check the exact tag.
                    item.Tags.Any(tag => tags.Any(wanted => tag.Contains(wanted, StringComparison.OrdinalIgnoreCase))))
                .Select(item => (JsonNode)new JsonObject { ["id"] = item.Id })];
        }

        await WriteJsonAsync(context, new JsonObject { ["queryType"] = "flat", ["workItems"] = found });
    }

    private async Task DeleteAsync(HttpContext context)
    {
        var id = int.Parse((string)context.GetRouteValue("id")!, System.Globalization.CultureInfo.InvariantCulture);
        FakeWorkItem? item;
        lock (_gate)
        {
            item = DeleteForbidden ? null : _items.SingleOrDefault(candidate => candidate.Id == id);
            if (item is not null)
            {
                _items.Remove(item);
                _recycleBin.Add(item);
            }
        }

        if (DeleteForbidden)
        {
            await WriteJsonAsync(context, new JsonObject { ["message"] = $"TF237111: You do not have permission to delete work item {id}." }, 403);
            return;
        }

        await WriteJsonAsync(context, item is null
            ? new JsonObject { ["message"] = $"TF401232: Work item {id} does not exist, or you do not have permissions to read it." }
            : new JsonObject { ["id"] = id, ["code"] = 200, ["deletedDate"] = "2025-01-01T00:00:00Z" }, item is null ? 404 : 200);
    }

    private async Task BatchAsync(HttpContext context)
    {
        var request = (await ReadJsonAsync(context))!.AsObject();
        if (request["fields"] is not null && request["$expand"] is not null)
        {
            await WriteJsonAsync(context, new JsonObject { ["message"] = "The expand parameter can not be used with the fields parameter." }, 400);
            return;
        }

        var ids = request["ids"]!.AsArray().Select(id => id!.GetValue<int>()).ToList();
        var wantedFields = request["fields"]?.AsArray().Select(field => field!.GetValue<string>()).ToHashSet();
        var relations = request["$expand"]?.GetValue<string>() is "Relations" or "All";
        JsonArray values;
        lock (_gate)
        {
            values = [.. _items.Where(item => ids.Contains(item.Id)).Select(item => (JsonNode)Render(item, wantedFields, relations))];
        }

        await WriteJsonAsync(context, new JsonObject { ["count"] = values.Count, ["value"] = values });
    }

    private async Task SaveAsync(HttpContext context, bool create)
    {
        if (context.Request.ContentType != "application/json-patch+json")
        {
            await WriteJsonAsync(context, new JsonObject { ["message"] = "The request indicated a Content-Type of \"" + context.Request.ContentType + "\" for method type \"" + context.Request.Method + "\" which is not supported." }, 415);
            return;
        }

        var patch = (await ReadJsonAsync(context))!.AsArray();
        if (patch.Select(op => op!["path"]!.GetValue<string>() == "/fields/System.State" ? op["value"]!.GetValue<string>() : null)
            .FirstOrDefault(state => state is not null && !ValidStates.Contains(state)) is { } invalid)
        {
            await WriteJsonAsync(context, new JsonObject
            {
                ["message"] = $"TF401320: Rule Error for field State. Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidListValue. Value: {invalid}",
            }, 400);
            return;
        }

        FakeWorkItem? item;
        lock (_gate)
        {
            if (create)
            {
                var type = ((string)context.GetRouteValue("type")!).TrimStart('$');
                item = new FakeWorkItem(++_created);
                item.Fields["System.WorkItemType"] = type;
                item.Fields["System.State"] = "New";
                _items.Add(item);
            }
            else
            {
                var id = int.Parse((string)context.GetRouteValue("id")!, System.Globalization.CultureInfo.InvariantCulture);
                item = _items.SingleOrDefault(candidate => candidate.Id == id);
            }

            foreach (var op in item is null ? [] : patch)
            {
                var path = op!["path"]!.GetValue<string>();
                if (path.StartsWith("/fields/", StringComparison.Ordinal))
                {
                    item!.Fields[path["/fields/".Length..]] = op["value"]!.GetValue<string>();
                }
                else if (path == "/relations/-")
                {
                    item!.Relations.Add(op["value"]!.AsObject().DeepClone().AsObject());
                }
            }

            if (item is not null)
            {
                item.Rev++;
            }
        }

        await WriteJsonAsync(context, item is null
            ? new JsonObject { ["message"] = $"TF401232: Work item {context.GetRouteValue("id")} does not exist, or you do not have permissions to read it." }
            : Render(item, null, true), item is null ? 404 : 200);
    }

    private static JsonObject Render(FakeWorkItem item, HashSet<string>? wantedFields, bool relations)
    {
        var fields = new JsonObject();
        foreach (var (name, value) in item.Fields)
        {
            if (wantedFields is null || wantedFields.Contains(name))
            {
                fields[name] = value;
            }
        }

        var rendered = new JsonObject { ["id"] = item.Id, ["rev"] = item.Rev, ["fields"] = fields };
        if (relations && item.Relations.Count > 0)
        {
            rendered["relations"] = new JsonArray([.. item.Relations.Select(relation => (JsonNode)relation.DeepClone())]);
        }

        return rendered;
    }

    [GeneratedRegex(@"\[System\.Tags\] CONTAINS '((?:[^']|'')*)'")]
    private static partial Regex TagClause();

    [GeneratedRegex(@"\[System\.WorkItemType\] = '((?:[^']|'')*)'")]
    private static partial Regex TypeClause();
}

/// <summary>A work item the fake Azure DevOps holds.</summary>
public sealed class FakeWorkItem(int id)
{
    public int Id { get; } = id;
    public int Rev { get; set; }
    public Dictionary<string, string> Fields { get; } = [];
    public List<JsonObject> Relations { get; } = [];

    public IReadOnlyList<string> Tags =>
        Fields.GetValueOrDefault("System.Tags", string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
