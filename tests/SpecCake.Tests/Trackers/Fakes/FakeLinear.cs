using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SpecCake.Tests.Trackers.Fakes;

/// <summary>
/// Linear's GraphQL API, just the operations SpecCake sends (recognised by operation name): one team
/// with labels and workflow states, issues (numbered and timestamped in creation order, archivable),
/// and attachments unique per issue and URL. An archived issue's attachments are still found by URL,
/// so SpecCake has to tell archived issues apart itself. For CheckIntegrations: <c>viewer</c> and the
/// team with the teams the key sees; a key other than <see cref="TrackerScenario.LinearKey"/> is refused
/// as Linear refuses one (HTTP 400, an AUTHENTICATION_ERROR).
/// </summary>
public sealed partial class FakeLinear : LoopbackServer
{
    public const string TeamId = "team-1111";
    public const string TeamKey = "ENG";

    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly List<FakeLinearIssue> _issues = [];

    public Dictionary<string, string> Labels { get; } = new() { ["label-spec"] = "spec", ["label-auto"] = "automated" };

    public Dictionary<string, string> WorkspaceLabels { get; } = new() { ["label-ws"] = "security" };

    public Dictionary<string, string> States { get; } = new()
    {
        ["state-backlog"] = "Backlog", ["state-todo"] = "Todo", ["state-progress"] = "In Progress", ["state-review"] = "In Review", ["state-done"] = "Done",
    };

    public IReadOnlyList<FakeLinearIssue> Issues
    {
        get { lock (_gate)
            {
                return [.. _issues];
            }
        }
    }

    /// <summary>The issues not archived.</summary>
    public IReadOnlyList<FakeLinearIssue> LiveIssues
    {
        get { lock (_gate)
            {
                return [.. _issues.Where(issue => issue.ArchivedAt is null)];
            }
        }
    }

    public override bool IsWrite(RecordedRequest request) => request.Body.Contains("mutation ", StringComparison.Ordinal);

    /// <summary>
    /// Adds an issue as it would be left by a run that stopped between creating it and attaching its marker,
    /// or, with <paramref name="markerUrl"/>, as another run would have created it.
    /// </summary>
    public FakeLinearIssue AddIssue(string title, string? markerUrl = null)
    {
        lock (_gate)
        {
            var issue = New();
            issue.Title = title;
            if (markerUrl is not null)
            {
                issue.AttachmentUrls.Add(markerUrl);
            }

            _issues.Add(issue);
            return issue;
        }
    }

    protected override void MapRoutes(WebApplication app) => app.MapPost("/graphql", HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != TrackerScenario.LinearKey)
        {
            await WriteJsonAsync(context, new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = "Authentication required, not authenticated",
                    ["extensions"] = new JsonObject { ["type"] = "authentication error", ["code"] = "AUTHENTICATION_ERROR", ["statusCode"] = 401 },
                }),
            }, 400);
            return;
        }

        var request = (await ReadJsonAsync(context))!;
        var query = request["query"]!.GetValue<string>();
        var variables = request["variables"]?.AsObject() ?? [];
        var operation = Operation().Match(query).Groups[1].Value;
        JsonNode data;
        lock (_gate)
        {
            data = operation switch
            {
                "SpecCakeTeam" => Team(variables),
                // Aliased fields answer under their alias, as GraphQL does.
                "SpecCakeViewer" => new JsonObject { ["viewer"] = new JsonObject { ["id"] = "user-1", ["name"] = "SpecCake Bot", [query.Contains("address: email", StringComparison.Ordinal) ? "address" : "email"] = "bot@example.com" } },
                "SpecCakeCheckTeam" => CheckTeam(variables),
                "SpecCakeFindIssues" => FindIssues(query, variables),
                "SpecCakeFindUnmarked" => FindUnmarked(variables),
                "SpecCakeIssueCreate" => Create(variables["input"]!.AsObject()),
                "SpecCakeIssueUpdate" => Update(variables["id"]!.GetValue<string>(), variables["input"]!.AsObject()),
                "SpecCakeAttachmentCreate" => Attach(variables["input"]!.AsObject()),
                "SpecCakeIssueArchive" => Archive(variables["id"]!.GetValue<string>()),
                _ => throw new InvalidOperationException("Unknown operation " + operation),
            };
        }

        if (data is JsonObject { } result && result["__error"] is { } error)
        {
            await WriteJsonAsync(context, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = error.GetValue<string>() }) });
            return;
        }

        await WriteJsonAsync(context, new JsonObject { ["data"] = data });
    }

    private JsonObject Team(JsonObject variables)
    {
        var id = variables["teamId"]!.GetValue<string>();
        return new JsonObject
        {
            ["team"] = id is TeamId or TeamKey
                ? new JsonObject { ["id"] = TeamId, ["labels"] = Nodes(Labels), ["states"] = Nodes(States) }
                : null,
            ["issueLabels"] = Nodes(WorkspaceLabels),
        };
    }

    // The teams the key sees, under the alias SpecCake's check asks for them by.
    private JsonObject CheckTeam(JsonObject variables)
    {
        var team = Team(variables);
        if (team["team"] is JsonObject found)
        {
            found["key"] = TeamKey;
            found["name"] = "Engineering";
        }

        team["visible"] = new JsonObject { ["nodes"] = new JsonArray(new JsonObject { ["id"] = TeamId, ["key"] = TeamKey, ["name"] = "Engineering" }) };
        return team;
    }

    private JsonObject FindIssues(string query, JsonObject variables)
    {
        var data = new JsonObject();
        foreach (Match alias in Alias().Matches(query))
        {
            var url = variables[alias.Groups[2].Value]!.GetValue<string>();
            data[alias.Groups[1].Value] = new JsonObject
            {
                ["nodes"] = new JsonArray([.. _issues.Where(issue => issue.AttachmentUrls.Contains(url))
                    .Select(issue => (JsonNode)new JsonObject { ["url"] = url, ["issue"] = Render(issue) })]),
            };
        }

        return data;
    }

    private JsonObject FindUnmarked(JsonObject variables)
    {
        var titles = variables["titles"]!.AsArray().Select(title => title!.GetValue<string>()).ToHashSet();
        return new JsonObject
        {
            ["issues"] = new JsonObject
            {
                ["pageInfo"] = new JsonObject { ["hasNextPage"] = false, ["endCursor"] = null },
                // Like every Linear connection, issues() leaves archived issues out unless includeArchived is set.
                ["nodes"] = new JsonArray([.. _issues.Where(issue => issue.ArchivedAt is null && titles.Contains(issue.Title)).Select(issue => (JsonNode)Render(issue))]),
            },
        };
    }

    private JsonObject Create(JsonObject input)
    {
        if (Invalid(input) is { } error)
        {
            return error;
        }

        var issue = New();
        Apply(issue, input);
        _issues.Add(issue);
        return new JsonObject { ["issueCreate"] = new JsonObject { ["success"] = true, ["issue"] = new JsonObject { ["id"] = issue.Id, ["identifier"] = issue.Identifier } } };
    }

    private JsonObject Update(string id, JsonObject input)
    {
        if (Invalid(input) is { } error)
        {
            return error;
        }

        Apply(_issues.Single(issue => issue.Id == id), input);
        return new JsonObject { ["issueUpdate"] = new JsonObject { ["success"] = true } };
    }

    private FakeLinearIssue New()
    {
        var number = _issues.Count + 1;
        return new FakeLinearIssue($"issue-{number}", $"{TeamKey}-{number}") { Number = number, CreatedAt = Epoch.AddSeconds(number) };
    }

    private JsonObject Archive(string id)
    {
        var issue = _issues.SingleOrDefault(candidate => candidate.Id == id);
        if (issue is null || issue.ArchivedAt is not null)
        {
            return new JsonObject { ["__error"] = issue is null ? "Entity not found: Issue" : "Issue is already archived" };
        }

        issue.ArchivedAt = Epoch.AddDays(1);
        return new JsonObject { ["issueArchive"] = new JsonObject { ["success"] = true } };
    }

    private JsonObject Attach(JsonObject input)
    {
        var issue = _issues.Single(candidate => candidate.Id == input["issueId"]!.GetValue<string>());
        var url = input["url"]!.GetValue<string>();
        if (!issue.AttachmentUrls.Contains(url))
        {
            issue.AttachmentUrls.Add(url);
        }

        return new JsonObject { ["attachmentCreate"] = new JsonObject { ["success"] = true } };
    }

    private JsonObject? Invalid(JsonObject input)
    {
        if (input["stateId"]?.GetValue<string>() is { } state && !States.ContainsKey(state))
        {
            return new JsonObject { ["__error"] = "Entity not found: stateId" };
        }

        return input["labelIds"]?.AsArray().Select(label => label!.GetValue<string>()).FirstOrDefault(label => !Labels.ContainsKey(label) && !WorkspaceLabels.ContainsKey(label)) is { } unknown
            ? new JsonObject { ["__error"] = "Entity not found: label " + unknown }
            : null;
    }

    private static void Apply(FakeLinearIssue issue, JsonObject input)
    {
        if (input["title"] is { } title)
        {
            issue.Title = title.GetValue<string>();
        }

        if (input["description"] is { } description)
        {
            issue.Description = description.GetValue<string>();
        }

        if (input["stateId"] is { } state)
        {
            issue.StateId = state.GetValue<string>();
        }

        if (input["labelIds"] is JsonArray labels)
        {
            issue.LabelIds = [.. labels.Select(label => label!.GetValue<string>())];
        }
    }

    private JsonObject Render(FakeLinearIssue issue) => new()
    {
        ["id"] = issue.Id,
        ["identifier"] = issue.Identifier,
        ["number"] = issue.Number,
        ["createdAt"] = issue.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["archivedAt"] = issue.ArchivedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["title"] = issue.Title,
        ["description"] = issue.Description,
        ["team"] = new JsonObject { ["id"] = TeamId },
        ["state"] = issue.StateId is null ? null : new JsonObject { ["id"] = issue.StateId, ["name"] = States[issue.StateId] },
        ["labels"] = new JsonObject
        {
            ["nodes"] = new JsonArray([.. issue.LabelIds.Select(id => (JsonNode)new JsonObject
            {
                ["id"] = id,
                ["name"] = Labels.GetValueOrDefault(id) ?? WorkspaceLabels.GetValueOrDefault(id),
            })]),
        },
        ["attachments"] = new JsonObject { ["nodes"] = new JsonArray([.. issue.AttachmentUrls.Select(url => (JsonNode)new JsonObject { ["url"] = url })]) },
    };

    private static JsonObject Nodes(Dictionary<string, string> byId) =>
        new() { ["nodes"] = new JsonArray([.. byId.Select(pair => (JsonNode)new JsonObject { ["id"] = pair.Key, ["name"] = pair.Value })]) };

    [GeneratedRegex(@"(?:query|mutation)\s+(\w+)")]
    private static partial Regex Operation();

    [GeneratedRegex(@"(\w+): attachmentsForURL\(url: \$(\w+)")]
    private static partial Regex Alias();
}

/// <summary>An issue the fake Linear holds.</summary>
public sealed class FakeLinearIssue(string id, string identifier)
{
    public string Id { get; } = id;
    public string Identifier { get; } = identifier;
    public int Number { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public string Title { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public string? StateId { get; set; }
    public List<string> LabelIds { get; set; } = [];
    public List<string> AttachmentUrls { get; } = [];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Identifier} {Title}");
}
