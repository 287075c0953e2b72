using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Trackers.Fakes;

/// <summary>
/// Azure DevOps Boards work items (REST 7.1): WIQL on tags, <c>workitemsbatch</c>, and create/update
/// by JSON Patch (any other content type is refused with 415, as the real service does). The
/// Agile process's states are the only valid <c>System.State</c> values.
/// </summary>
public sealed partial class FakeAzureDevOps : LoopbackServer
{
    public static readonly IReadOnlySet<string> ValidStates = new HashSet<string> { "New", "Active", "Resolved", "Closed", "Removed" };

    private readonly object gate = new();
    private readonly List<FakeWorkItem> items = [];

    public IReadOnlyList<FakeWorkItem> Items
    {
        get { lock (gate) return [.. items]; }
    }

    public override bool IsWrite(RecordedRequest request) =>
        request.Method == "PATCH" || (request.Method == "POST" && request.Path.Contains("/workitems/", StringComparison.Ordinal));

    /// <summary>Changes a field as a person would in Boards.</summary>
    public void SetField(int id, string field, string value)
    {
        lock (gate)
        {
            items.Single(item => item.Id == id).Fields[field] = value;
        }
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapPost("/{org}/{project}/_apis/wit/wiql", WiqlAsync);
        app.MapPost("/{org}/{project}/_apis/wit/workitemsbatch", BatchAsync);
        app.MapPost("/{org}/{project}/_apis/wit/workitems/{type}", context => SaveAsync(context, create: true));
        app.MapMethods("/{org}/{project}/_apis/wit/workitems/{id}", ["PATCH"], context => SaveAsync(context, create: false));
    }

    private async Task WiqlAsync(HttpContext context)
    {
        var query = (await ReadJsonAsync(context))!["query"]!.GetValue<string>();
        var tags = TagClause().Matches(query).Select(match => match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)).ToList();
        var type = TypeClause().Match(query).Groups[1].Value;
        JsonArray found;
        lock (gate)
        {
            found = [.. items
                .Where(item => item.Fields.GetValueOrDefault("System.WorkItemType") == type &&
                    // CONTAINS on tags matches a tag that contains the words: SpecCake must check the exact tag.
                    item.Tags.Any(tag => tags.Any(wanted => tag.Contains(wanted, StringComparison.OrdinalIgnoreCase))))
                .Select(item => (JsonNode)new JsonObject { ["id"] = item.Id })];
        }

        await WriteJsonAsync(context, new JsonObject { ["queryType"] = "flat", ["workItems"] = found });
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
        lock (gate)
        {
            values = [.. items.Where(item => ids.Contains(item.Id)).Select(item => (JsonNode)Render(item, wantedFields, relations))];
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

        FakeWorkItem item;
        lock (gate)
        {
            if (create)
            {
                var type = ((string)context.GetRouteValue("type")!).TrimStart('$');
                item = new FakeWorkItem(items.Count + 1);
                item.Fields["System.WorkItemType"] = type;
                item.Fields["System.State"] = "New";
                items.Add(item);
            }
            else
            {
                item = items.Single(candidate => candidate.Id == int.Parse((string)context.GetRouteValue("id")!, System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var op in patch)
            {
                var path = op!["path"]!.GetValue<string>();
                if (path.StartsWith("/fields/", StringComparison.Ordinal))
                {
                    item.Fields[path["/fields/".Length..]] = op["value"]!.GetValue<string>();
                }
                else if (path == "/relations/-")
                {
                    item.Relations.Add(op["value"]!.AsObject().DeepClone().AsObject());
                }
            }

            item.Rev++;
        }

        await WriteJsonAsync(context, Render(item, null, true));
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
