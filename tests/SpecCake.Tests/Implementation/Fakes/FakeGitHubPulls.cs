using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpecCake.Tests.Implementation.Fakes;

/// <summary>
/// The part of GitHub's REST API ImplementSpec uses, under <c>/api/v3</c> as Octokit addresses
/// any host but github.com: the repository (its default branch), pull requests (list by state and
/// <c>head</c>, create, update), labels, requested reviewers, and the review conversation — reviews,
/// review comments on lines and comments on the pull request, each with its author's
/// <c>author_association</c> — which a test writes as reviewers would and SpecCake reads and answers.
/// It holds its state, checks the token and records every request.
/// </summary>
public sealed class FakeGitHubPulls : LoopbackServer
{
    public const string Owner = "octo-org";
    public const string Name = "specs-repo";
    public const string Token = "ghs_fake5ecretToken123";

    private readonly object _gate = new();
    private readonly List<FakePull> _pulls = [];

    public string DefaultBranch { get; set; } = "main";

    /// <summary>Whether the token may push (the repository's <c>permissions.push</c>).</summary>
    public bool Push { get; set; } = true;

    /// <summary>When set, creating a pull request answers this status (e.g. 422).</summary>
    public int? RefuseCreate { get; set; }

    public IReadOnlyList<FakePull> Pulls
    {
        get { lock (_gate)
            {
                return [.. _pulls];
            }
        }
    }

    /// <summary>The API URL to give as <c>GITHUB_API_URL</c>.</summary>
    public string ApiUrl => Origin;

    public static async Task<FakeGitHubPulls> StartAsync()
    {
        var fake = new FakeGitHubPulls();
        await fake.ListenAsync();
        return fake;
    }

    /// <summary>A review submitted on pull request <paramref name="number"/>.</summary>
    public void AddReview(int number, string login, string association, string state, string body, DateTimeOffset? at = null) =>
        Conversation(number, pull => pull.Reviews.Add(new JsonObject
        {
            ["id"] = NextId(), ["node_id"] = "PRR_x", ["user"] = User(login), ["body"] = body, ["state"] = state,
            ["html_url"] = $"https://github.com/{Owner}/{Name}/pull/{number}#pullrequestreview-{pull.Reviews.Count + 1}",
            ["pull_request_url"] = $"https://api.github.com/repos/{Owner}/{Name}/pulls/{number}",
            ["author_association"] = association, ["submitted_at"] = Time(at), ["commit_id"] = "0000000000000000000000000000000000000000",
        }));

    /// <summary>A review comment on line <paramref name="line"/> of <paramref name="path"/> (a one-line hunk ending there).</summary>
    public void AddLineComment(int number, string login, string association, string path, int line, string body, DateTimeOffset? at = null) =>
        Conversation(number, pull => pull.ReviewComments.Add(new JsonObject
        {
            ["id"] = NextId(), ["node_id"] = "PRRC_x", ["path"] = path, ["position"] = 1, ["original_position"] = 1,
            ["diff_hunk"] = $"@@ -0,0 +{line - 1},2 @@\n+context\n+the commented line",
            ["commit_id"] = "0000000000000000000000000000000000000000", ["original_commit_id"] = "0000000000000000000000000000000000000000",
            ["user"] = User(login), ["body"] = body, ["created_at"] = Time(at), ["updated_at"] = Time(at),
            ["html_url"] = $"https://github.com/{Owner}/{Name}/pull/{number}#discussion_r{pull.ReviewComments.Count + 1}",
            ["pull_request_url"] = $"https://api.github.com/repos/{Owner}/{Name}/pulls/{number}",
            ["author_association"] = association, ["pull_request_review_id"] = 1,
        }));

    /// <summary>A comment on pull request <paramref name="number"/>'s conversation.</summary>
    public void AddComment(int number, string login, string association, string body, DateTimeOffset? at = null) =>
        Conversation(number, pull => pull.Comments.Add(Comment(number, pull, login, association, body, at)));

    /// <summary>A pull request that is already open (a rerun finds it).</summary>
    public FakePull AddOpen(string head, string title)
    {
        lock (_gate)
        {
            var pull = new FakePull(_pulls.Count + 41, head, DefaultBranch) { Title = title };
            _pulls.Add(pull);
            return pull;
        }
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            // Octokit sends "Token <token>"; GitHub takes either scheme, in any case.
            if (!string.Equals(authorization, "token " + Token, StringComparison.OrdinalIgnoreCase) && !string.Equals(authorization, "bearer " + Token, StringComparison.OrdinalIgnoreCase))
            {
                await WriteJsonAsync(context, new JsonObject { ["message"] = "Bad credentials" }, 401);
                return;
            }

            await next(context);
        });
        const string repo = "/api/v3/repos/{owner}/{repo}";
        app.MapGet(repo, RepositoryAsync);
        app.MapGet(repo + "/pulls", ListAsync);
        app.MapPost(repo + "/pulls", CreateAsync);
        app.MapMethods(repo + "/pulls/{number:int}", ["PATCH"], UpdateAsync);
        app.MapPost(repo + "/issues/{number:int}/labels", LabelsAsync);
        app.MapPost(repo + "/pulls/{number:int}/requested_reviewers", ReviewersAsync);
        app.MapGet(repo + "/pulls/{number:int}/reviews", context => ListConversationAsync(context, pull => pull.Reviews));
        app.MapGet(repo + "/pulls/{number:int}/comments", context => ListConversationAsync(context, pull => pull.ReviewComments));
        app.MapGet(repo + "/issues/{number:int}/comments", context => ListConversationAsync(context, pull => pull.Comments));
        app.MapPost(repo + "/issues/{number:int}/comments", PostCommentAsync);
        app.MapFallback(context => WriteJsonAsync(context, new JsonObject { ["message"] = "Not Found" }, 404));
    }

    private Task RepositoryAsync(HttpContext context) =>
        Known(context) ?? WriteJsonAsync(context, new JsonObject
        {
            ["id"] = 1, ["name"] = Name, ["full_name"] = $"{Owner}/{Name}", ["default_branch"] = DefaultBranch,
            ["html_url"] = $"https://github.com/{Owner}/{Name}", ["private"] = false,
            ["owner"] = new JsonObject { ["login"] = Owner, ["id"] = 2 },
            ["permissions"] = new JsonObject { ["admin"] = false, ["maintain"] = false, ["push"] = Push, ["triage"] = true, ["pull"] = true },
        });

    private Task ListAsync(HttpContext context)
    {
        if (Known(context) is { } unknown)
        {
            return unknown;
        }

        var state = context.Request.Query["state"].ToString();
        var head = context.Request.Query["head"].ToString();
        lock (_gate)
        {
            var found = _pulls.Where(pull => (state is "" or "all" || pull.State == state) && (head == "" || $"{Owner}:{pull.Head}" == head));
            return WriteJsonAsync(context, new JsonArray([.. found.Select(Json)]));
        }
    }

    private async Task CreateAsync(HttpContext context)
    {
        if (Known(context) is { } unknown)
        {
            await unknown;
            return;
        }

        var body = (await ReadJsonAsync(context))!;
        if (RefuseCreate is { } status)
        {
            await WriteJsonAsync(context, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(new JsonObject { ["message"] = "refused by the fake" }) }, status);
            return;
        }

        FakePull pull;
        lock (_gate)
        {
            var head = body["head"]!.GetValue<string>();
            if (_pulls.Any(existing => existing.State == "open" && existing.Head == head))
            {
                pull = null!;
            }
            else
            {
                pull = new FakePull(_pulls.Count + 41, head, body["base"]!.GetValue<string>())
                {
                    Title = body["title"]!.GetValue<string>(),
                    Body = body["body"]?.GetValue<string>(),
                    Draft = body["draft"]?.GetValue<bool>() ?? false,
                };
                _pulls.Add(pull);
            }
        }

        if (pull is null)
        {
            await WriteJsonAsync(context, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(new JsonObject { ["message"] = "A pull request already exists" }) }, 422);
            return;
        }

        await WriteJsonAsync(context, Json(pull), 201);
    }

    private async Task UpdateAsync(HttpContext context)
    {
        var body = (await ReadJsonAsync(context))!;
        var pull = Find(context);
        if (pull is null)
        {
            await WriteJsonAsync(context, new JsonObject { ["message"] = "Not Found" }, 404);
            return;
        }

        lock (_gate)
        {
            pull.Title = body["title"]?.GetValue<string>() ?? pull.Title;
            pull.Body = body["body"]?.GetValue<string>() ?? pull.Body;
            pull.Base = body["base"]?.GetValue<string>() ?? pull.Base;
            pull.Updates++;
        }

        await WriteJsonAsync(context, Json(pull));
    }

    private async Task LabelsAsync(HttpContext context)
    {
        var body = (await ReadJsonAsync(context))!;
        var pull = Find(context)!;
        lock (_gate)
        {
            var labels = body is JsonArray array ? array : body["labels"]!.AsArray();
            pull.Labels.AddRange(labels.Select(label => label!.GetValue<string>()).Where(label => !pull.Labels.Contains(label)));
        }

        await WriteJsonAsync(context, new JsonArray([.. pull.Labels.Select(label => (JsonNode)new JsonObject { ["name"] = label })]));
    }

    private async Task ReviewersAsync(HttpContext context)
    {
        var body = (await ReadJsonAsync(context))!;
        var pull = Find(context)!;
        lock (_gate)
        {
            pull.Reviewers.AddRange(body["reviewers"]?.AsArray().Select(name => name!.GetValue<string>()) ?? []);
            pull.TeamReviewers.AddRange(body["team_reviewers"]?.AsArray().Select(name => name!.GetValue<string>()) ?? []);
        }

        await WriteJsonAsync(context, Json(pull), 201);
    }

    private Task ListConversationAsync(HttpContext context, Func<FakePull, List<JsonObject>> items)
    {
        var pull = Find(context);
        if (pull is null)
        {
            return WriteJsonAsync(context, new JsonObject { ["message"] = "Not Found" }, 404);
        }

        lock (_gate)
        {
            return WriteJsonAsync(context, new JsonArray([.. items(pull).Select(item => item.DeepClone())]));
        }
    }

    private async Task PostCommentAsync(HttpContext context)
    {
        var body = (await ReadJsonAsync(context))!;
        var pull = Find(context);
        if (pull is null)
        {
            await WriteJsonAsync(context, new JsonObject { ["message"] = "Not Found" }, 404);
            return;
        }

        JsonObject comment;
        lock (_gate)
        {
            comment = Comment(pull.Number, pull, "speccake-bot", "NONE", body["body"]!.GetValue<string>(), null);
            pull.Comments.Add(comment);
            pull.Posted.Add(comment["body"]!.GetValue<string>());
        }

        await WriteJsonAsync(context, comment, 201);
    }

    private void Conversation(int number, Action<FakePull> add)
    {
        lock (_gate)
        {
            add(_pulls.Single(pull => pull.Number == number));
        }
    }

    private JsonObject Comment(int number, FakePull pull, string login, string association, string body, DateTimeOffset? at) => new()
    {
        ["id"] = NextId(), ["node_id"] = "IC_x", ["url"] = $"https://api.github.com/repos/{Owner}/{Name}/issues/comments/{pull.Comments.Count + 1}",
        ["html_url"] = $"https://github.com/{Owner}/{Name}/pull/{number}#issuecomment-{pull.Comments.Count + 1}",
        ["body"] = body, ["user"] = User(login), ["created_at"] = Time(at), ["updated_at"] = Time(at), ["author_association"] = association,
    };

    private int _nextId = 1000;

    private int NextId() => Interlocked.Increment(ref _nextId);

    private static JsonObject User(string login) => new() { ["login"] = login, ["id"] = login.Length, ["type"] = "User" };

    private static string Time(DateTimeOffset? at) => (at ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Task? Known(HttpContext context) =>
        context.GetRouteValue("owner")?.ToString() == Owner && context.GetRouteValue("repo")?.ToString() == Name
            ? null
            : WriteJsonAsync(context, new JsonObject { ["message"] = "Not Found" }, 404);

    private FakePull? Find(HttpContext context)
    {
        var number = int.Parse(context.GetRouteValue("number")!.ToString()!, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            return _pulls.FirstOrDefault(pull => pull.Number == number);
        }
    }

    private static JsonObject Json(FakePull pull) => new()
    {
        ["id"] = pull.Number * 10, ["node_id"] = $"PR_{pull.Number}", ["number"] = pull.Number, ["state"] = pull.State,
        ["title"] = pull.Title, ["body"] = pull.Body, ["draft"] = pull.Draft,
        ["merged"] = pull.Merged, ["merged_at"] = pull.Merged ? "2026-01-01T00:00:00Z" : null,
        ["created_at"] = pull.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["html_url"] = $"https://github.com/{Owner}/{Name}/pull/{pull.Number}",
        ["url"] = $"https://api.github.com/repos/{Owner}/{Name}/pulls/{pull.Number}",
        ["head"] = new JsonObject { ["ref"] = pull.Head, ["label"] = $"{Owner}:{pull.Head}", ["sha"] = "0000000000000000000000000000000000000000" },
        ["base"] = new JsonObject { ["ref"] = pull.Base, ["label"] = $"{Owner}:{pull.Base}", ["sha"] = "0000000000000000000000000000000000000000" },
        ["user"] = new JsonObject { ["login"] = "speccake-bot", ["id"] = 3 },
    };
}

/// <summary>A pull request the fake holds.</summary>
public sealed class FakePull(int number, string head, string baseBranch)
{
    public int Number { get; } = number;
    public string Head { get; } = head;
    public string Base { get; set; } = baseBranch;
    public string State { get; set; } = "open";
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    public bool Draft { get; set; }
    public int Updates { get; set; }
    public bool Merged { get; set; }
    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;
    public List<JsonObject> Reviews { get; } = [];
    public List<JsonObject> ReviewComments { get; } = [];
    public List<JsonObject> Comments { get; } = [];
    /// <summary>The comments SpecCake posted, in order.</summary>
    public List<string> Posted { get; } = [];
    public List<string> Labels { get; } = [];
    public List<string> Reviewers { get; } = [];
    public List<string> TeamReviewers { get; } = [];
}
