using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Specs;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Trackers.Fakes;

/// <summary>
/// One of the four tracker fakes behind one shape, for tests that must hold for every tracker: how to
/// start it, the config block that points at it, the requests with which a run reads what exists
/// (to make two runs meet there), how many live items a user would see for a spec, and how to add an
/// item carrying a spec's marker as another run (or a person) would have.
/// </summary>
public sealed class TrackerFake
{
    private TrackerFake(
        string name,
        Func<LoopbackServer> create,
        Func<string, SpecCakeConfig> config,
        IReadOnlyList<Func<RecordedRequest, bool>> finds,
        Func<LoopbackServer, Spec, IReadOnlyList<string>> liveItems,
        Func<LoopbackServer, Spec, string> addItem)
    {
        Name = name;
        Create = create;
        Config = config;
        Finds = finds;
        LiveItems = liveItems;
        AddItem = addItem;
    }

    public static IReadOnlyList<string> Names { get; } = ["jira", "linear", "azure_devops", "github_projects"];

    public string Name { get; }

    public Func<LoopbackServer> Create { get; }

    /// <summary>The config with only this tracker enabled, pointed at the fake's origin.</summary>
    public Func<string, SpecCakeConfig> Config { get; }

    /// <summary>The requests by which a run finds the items that exist, each kind met once by two runs.</summary>
    public IReadOnlyList<Func<RecordedRequest, bool>> Finds { get; }

    /// <summary>The keys of the live items carrying the spec's marker (what a person sees on the board).</summary>
    public Func<LoopbackServer, Spec, IReadOnlyList<string>> LiveItems { get; }

    /// <summary>Adds an item with the spec's marker; returns its key as SpecCake reports it.</summary>
    public Func<LoopbackServer, Spec, string> AddItem { get; }

    public static TrackerFake Named(string name) => name switch
    {
        "jira" => new TrackerFake(
            name,
            () => new FakeJira(),
            origin => TrackerScenario.Config(jira: Jira(origin)),
            [request => request.Path.EndsWith("/search/jql", StringComparison.Ordinal)],
            (fake, spec) => [.. ((FakeJira)fake).IssuesWithField("customfield_10001", spec.Id).Select(issue => issue.Key)],
            (fake, spec) => ((FakeJira)fake).AddIssue(new JsonObject
            {
                ["project"] = new JsonObject { ["key"] = "PROJ" },
                ["issuetype"] = new JsonObject { ["name"] = "Story" },
                ["summary"] = $"[{spec.Id}] {spec.Title}",
                ["labels"] = new JsonArray("spec", "spec-" + spec.Id),
                ["customfield_10001"] = spec.Id,
            }).Key),
        "linear" => new TrackerFake(
            name,
            () => new FakeLinear(),
            origin => TrackerScenario.Config(linear: Linear(origin)),
            [request => request.Body.Contains("SpecCakeFindIssues", StringComparison.Ordinal),
             request => request.Body.Contains("SpecCakeFindUnmarked", StringComparison.Ordinal)],
            (fake, spec) => [.. ((FakeLinear)fake).LiveIssues.Where(issue => issue.AttachmentUrls.Contains(FileUrl(spec))).Select(issue => issue.Identifier)],
            (fake, spec) => ((FakeLinear)fake).AddIssue($"[{spec.Id}] {spec.Title}", FileUrl(spec)).Identifier),
        "azure_devops" => new TrackerFake(
            name,
            () => new FakeAzureDevOps(),
            origin => TrackerScenario.Config(azureDevOps: AzureDevOps(origin)),
            [request => request.Path.EndsWith("/wiql", StringComparison.Ordinal)],
            (fake, spec) => [.. ((FakeAzureDevOps)fake).Items
                .Where(item => item.Tags.Contains(spec.Id) && item.Fields["System.State"] != "Removed")
                .Select(item => item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            (fake, spec) => ((FakeAzureDevOps)fake).AddItem("User Story", $"[{spec.Id}] {spec.Title}", "spec; " + spec.Id)
                .Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "github_projects" => new TrackerFake(
            name,
            () => new FakeGitHubProjects(),
            origin => TrackerScenario.Config(gitHubProjects: GitHubProjects(origin)),
            [request => request.Body.Contains("SpecCakeItems", StringComparison.Ordinal)],
            (fake, spec) => [.. ((FakeGitHubProjects)fake).Items.Where(item => item.Title.StartsWith($"[{spec.Id}]", StringComparison.Ordinal)).Select(item => item.Id)],
            (fake, spec) => ((FakeGitHubProjects)fake).AddDraft($"[{spec.Id}] {spec.Title}").Id),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a tracker"),
    };

    /// <summary>The spec file's URL, Linear's marker.</summary>
    public static string FileUrl(Spec spec) => $"https://github.com/{Repository}/blob/HEAD/{spec.File}";

    public override string ToString() => Name;
}
