using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpecCake.Tests.Trackers.Fakes;

/// <summary>
/// GitHub's GraphQL API for one Projects (v2) board with a single-select Status field (draft issues,
/// pull request items, field values, paged items with their creation times, item deletion that fails
/// for an item already gone, as GitHub's does), plus the REST pull request lookup Octokit makes
/// (Octokit puts any non-github.com host under <c>/api/v3</c>).
/// </summary>
public sealed partial class FakeGitHubProjects : LoopbackServer
{
    public const string Owner = "octo-org";
    public const int ProjectNumber = 7;
    public const string ProjectId = "PVT_7";
    public const string FieldId = "PVTSSF_status";

    private readonly object _gate = new();
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<FakeProjectItem> _items = [];
    private int _created;

    public Dictionary<string, string> StatusOptions { get; } = new()
    {
        ["opt-backlog"] = "Backlog", ["opt-review"] = "In Review", ["opt-ready"] = "Ready", ["opt-done"] = "Done",
    };

    /// <summary>Pull requests the REST API knows, by number.</summary>
    public Dictionary<int, FakePullRequest> PullRequests { get; } = [];

    /// <summary>Items per page of the items query (GitHub allows up to 100).</summary>
    public int PageSize { get; set; } = 100;

    public IReadOnlyList<FakeProjectItem> Items
    {
        get { lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    public override bool IsWrite(RecordedRequest request) => request.Body.Contains("mutation ", StringComparison.Ordinal);

    public string? StatusOf(FakeProjectItem item) => item.OptionId is { } id ? StatusOptions[id] : null;

    /// <summary>Adds a draft directly, as another SpecCake run (or a person) would have created it.</summary>
    public FakeProjectItem AddDraft(string title, string body = "")
    {
        lock (_gate)
        {
            return Add(new FakeProjectItem($"PVTI_{_created + 1}") { DraftId = $"DI_{_created + 1}", Title = title, Body = body });
        }
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapPost("/graphql", HandleAsync);
        app.MapGet("/api/v3/repos/{owner}/{repo}/pulls/{number:int}", PullRequestAsync);
    }

    private async Task PullRequestAsync(HttpContext context)
    {
        var number = int.Parse(context.GetRouteValue("number")!.ToString()!, CultureInfo.InvariantCulture);
        if (!PullRequests.TryGetValue(number, out var pr))
        {
            await WriteJsonAsync(context, new JsonObject { ["message"] = "Not Found" }, 404);
            return;
        }

        await WriteJsonAsync(context, new JsonObject
        {
            ["id"] = number,
            ["node_id"] = pr.NodeId,
            ["number"] = number,
            ["html_url"] = pr.Url,
            ["title"] = pr.Title,
            ["state"] = "open",
            ["head"] = new JsonObject { ["ref"] = pr.HeadRefName },
            // Enum-valued fields as GitHub sends them: Octokit reads each into a StringEnum<T>.
            ["user"] = new JsonObject { ["login"] = "octocat", ["id"] = 1, ["type"] = "User" },
            ["author_association"] = "MEMBER",
            ["mergeable_state"] = "clean",
            ["merged"] = false,
        });
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = (await ReadJsonAsync(context))!;
        var query = request["query"]!.GetValue<string>();
        var variables = request["variables"]?.AsObject() ?? [];
        var input = variables["input"] as JsonObject;
        var operation = Operation().Match(query).Groups[1].Value;
        JsonObject data;
        string? error = null;
        lock (_gate)
        {
            switch (operation)
            {
                case "SpecCakeProject":
                    data = Project(variables);
                    break;
                case "SpecCakeItems":
                    data = Page(variables["after"]?.GetValue<string>());
                    break;
                case "SpecCakeAddDraft":
                    var draft = Add(new FakeProjectItem($"PVTI_{_created + 1}") { DraftId = $"DI_{_created + 1}", Title = input!["title"]!.GetValue<string>(), Body = input["body"]!.GetValue<string>() });
                    data = new JsonObject { ["addProjectV2DraftIssue"] = new JsonObject { ["projectItem"] = new JsonObject { ["id"] = draft.Id } } };
                    break;
                case "SpecCakeUpdateDraft":
                    var edited = _items.SingleOrDefault(item => item.DraftId == input!["draftIssueId"]!.GetValue<string>());
                    if (edited is null)
                    {
                        error = $"Could not resolve to a node with the global id of '{input!["draftIssueId"]}'";
                        data = [];
                        break;
                    }

                    edited.Title = input!["title"]!.GetValue<string>();
                    edited.Body = input["body"]!.GetValue<string>();
                    data = new JsonObject { ["updateProjectV2DraftIssue"] = new JsonObject { ["draftIssue"] = new JsonObject { ["id"] = edited.DraftId } } };
                    break;
                case "SpecCakeAddItem":
                    var contentId = input!["contentId"]!.GetValue<string>();
                    var pr = PullRequests.Values.Single(candidate => candidate.NodeId == contentId);
                    var added = _items.FirstOrDefault(item => item.PullRequest == pr) ?? Add(new FakeProjectItem($"PVTI_{_created + 1}") { PullRequest = pr, Title = pr.Title });
                    data = new JsonObject { ["addProjectV2ItemById"] = new JsonObject { ["item"] = new JsonObject { ["id"] = added.Id } } };
                    break;
                case "SpecCakeSetStatus":
                    var option = input!["value"]!["singleSelectOptionId"]!.GetValue<string>();
                    if (!StatusOptions.ContainsKey(option) || input["fieldId"]!.GetValue<string>() != FieldId)
                    {
                        error = "Could not resolve option " + option;
                        data = [];
                        break;
                    }

                    if (_items.SingleOrDefault(item => item.Id == input["itemId"]!.GetValue<string>()) is not { } target)
                    {
                        error = $"Could not resolve to a node with the global id of '{input["itemId"]}'";
                        data = [];
                        break;
                    }

                    target.OptionId = option;
                    data = new JsonObject { ["updateProjectV2ItemFieldValue"] = new JsonObject { ["projectV2Item"] = new JsonObject { ["id"] = input["itemId"]!.GetValue<string>() } } };
                    break;
                case "SpecCakeDeleteItem":
                    var itemId = input!["itemId"]!.GetValue<string>();
                    if (_items.RemoveAll(item => item.Id == itemId) == 0)
                    {
                        error = $"Could not resolve to a node with the global id of '{itemId}'";
                        data = [];
                        break;
                    }

                    data = new JsonObject { ["deleteProjectV2Item"] = new JsonObject { ["deletedItemId"] = itemId } };
                    break;
                default:
                    throw new InvalidOperationException("Unknown operation " + operation);
            }
        }

        await WriteJsonAsync(context, error is null
            ? new JsonObject { ["data"] = data }
            : new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = error }) });
    }

    private JsonObject Project(JsonObject variables)
    {
        var found = variables["owner"]!.GetValue<string>() == Owner && variables["number"]!.GetValue<int>() == ProjectNumber;
        var field = variables["field"]!.GetValue<string>() == "Status"
            ? new JsonObject
            {
                ["id"] = FieldId,
                ["name"] = "Status",
                ["options"] = new JsonArray([.. StatusOptions.Select(pair => (JsonNode)new JsonObject { ["id"] = pair.Key, ["name"] = pair.Value })]),
            }
            : null;
        return new JsonObject
        {
            ["repositoryOwner"] = new JsonObject { ["projectV2"] = found ? new JsonObject { ["id"] = ProjectId, ["field"] = field } : null },
        };
    }

    private JsonObject Page(string? after)
    {
        var start = after is null ? 0 : int.Parse(after, CultureInfo.InvariantCulture);
        var page = _items.Skip(start).Take(PageSize).ToList();
        var next = start + page.Count;
        return new JsonObject
        {
            ["node"] = new JsonObject
            {
                ["items"] = new JsonObject
                {
                    ["pageInfo"] = new JsonObject { ["hasNextPage"] = next < _items.Count, ["endCursor"] = next.ToString(CultureInfo.InvariantCulture) },
                    ["nodes"] = new JsonArray([.. page.Select(item => (JsonNode)Render(item))]),
                },
            },
        };
    }

    private JsonObject Render(FakeProjectItem item) => new()
    {
        ["id"] = item.Id,
        ["createdAt"] = item.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["fieldValueByName"] = item.OptionId is null ? null : new JsonObject { ["optionId"] = item.OptionId },
        ["content"] = item.PullRequest is { } pr
            ? new JsonObject { ["__typename"] = "PullRequest", ["url"] = pr.Url, ["title"] = pr.Title, ["headRefName"] = pr.HeadRefName }
            : new JsonObject { ["__typename"] = "DraftIssue", ["id"] = item.DraftId, ["title"] = item.Title, ["body"] = item.Body },
    };

    private FakeProjectItem Add(FakeProjectItem item)
    {
        item.CreatedAt = Epoch.AddSeconds(++_created);
        _items.Add(item);
        return item;
    }

    [GeneratedRegex(@"(?:query|mutation)\s+(\w+)")]
    private static partial Regex Operation();
}

/// <summary>An item on the fake board: a draft issue or a pull request.</summary>
public sealed class FakeProjectItem(string id)
{
    public string Id { get; } = id;
    public string? DraftId { get; init; }
    public FakePullRequest? PullRequest { get; init; }
    public string Title { get; set; } = string.Empty;
    public string Body { get; set; } = string.Empty;
    public string? OptionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A pull request the fake REST API knows.</summary>
public sealed record FakePullRequest(string NodeId, string Url, string Title, string HeadRefName);
