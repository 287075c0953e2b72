using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Implementation.Fakes;

/// <summary>
/// The part of GitHub's REST API ImplementSpec uses, under <c>/api/v3</c> as Octokit addresses
/// any host but github.com: the repository (its default branch), pull requests (list open ones by
/// <c>head</c>, create, update), labels and requested reviewers. It holds its pull requests, checks
/// the token and records every request.
/// </summary>
public sealed class FakeGitHubPulls : LoopbackServer
{
    public const string Owner = "octo-org";
    public const string Name = "specs-repo";
    public const string Token = "ghs_fake5ecretToken123";

    private readonly object gate = new();
    private readonly List<FakePull> pulls = [];

    public string DefaultBranch { get; set; } = "main";

    /// <summary>Whether the token may push (the repository's <c>permissions.push</c>).</summary>
    public bool Push { get; set; } = true;

    /// <summary>When set, creating a pull request answers this status (e.g. 422).</summary>
    public int? RefuseCreate { get; set; }

    public IReadOnlyList<FakePull> Pulls
    {
        get { lock (gate) return [.. pulls]; }
    }

    /// <summary>The API URL to give as <c>GITHUB_API_URL</c>.</summary>
    public string ApiUrl => Origin;

    public static async Task<FakeGitHubPulls> StartAsync()
    {
        var fake = new FakeGitHubPulls();
        await fake.ListenAsync();
        return fake;
    }

    /// <summary>A pull request that is already open (a rerun finds it).</summary>
    public FakePull AddOpen(string head, string title)
    {
        lock (gate)
        {
            var pull = new FakePull(pulls.Count + 41, head, DefaultBranch) { Title = title };
            pulls.Add(pull);
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
        lock (gate)
        {
            var found = pulls.Where(pull => (state is "" or "all" || pull.State == state) && (head == "" || $"{Owner}:{pull.Head}" == head));
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
        lock (gate)
        {
            var head = body["head"]!.GetValue<string>();
            if (pulls.Any(existing => existing.State == "open" && existing.Head == head))
            {
                pull = null!;
            }
            else
            {
                pull = new FakePull(pulls.Count + 41, head, body["base"]!.GetValue<string>())
                {
                    Title = body["title"]!.GetValue<string>(),
                    Body = body["body"]?.GetValue<string>(),
                    Draft = body["draft"]?.GetValue<bool>() ?? false,
                };
                pulls.Add(pull);
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

        lock (gate)
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
        lock (gate)
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
        lock (gate)
        {
            pull.Reviewers.AddRange(body["reviewers"]?.AsArray().Select(name => name!.GetValue<string>()) ?? []);
            pull.TeamReviewers.AddRange(body["team_reviewers"]?.AsArray().Select(name => name!.GetValue<string>()) ?? []);
        }

        await WriteJsonAsync(context, Json(pull), 201);
    }

    private static Task? Known(HttpContext context) =>
        context.GetRouteValue("owner")?.ToString() == Owner && context.GetRouteValue("repo")?.ToString() == Name
            ? null
            : WriteJsonAsync(context, new JsonObject { ["message"] = "Not Found" }, 404);

    private FakePull? Find(HttpContext context)
    {
        var number = int.Parse(context.GetRouteValue("number")!.ToString()!, CultureInfo.InvariantCulture);
        lock (gate)
        {
            return pulls.FirstOrDefault(pull => pull.Number == number);
        }
    }

    private static JsonObject Json(FakePull pull) => new()
    {
        ["id"] = pull.Number * 10, ["node_id"] = $"PR_{pull.Number}", ["number"] = pull.Number, ["state"] = pull.State,
        ["title"] = pull.Title, ["body"] = pull.Body, ["draft"] = pull.Draft,
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
    public List<string> Labels { get; } = [];
    public List<string> Reviewers { get; } = [];
    public List<string> TeamReviewers { get; } = [];
}
