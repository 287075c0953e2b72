using SpecCake.Configuration;
using SpecCake.Specs;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Trackers;

/// <summary>
/// A tracker answering 200 with a body of an unexpected shape (a key missing, a value of the wrong type,
/// an empty object, an array instead of an object): each spec it concerns fails with one message naming
/// the tracker, the request and what was expected, never a .NET exception; everything else still syncs.
/// </summary>
public sealed class TrackerAnswerTests
{
    public static TheoryData<string, string, string, string> Answers() => new()
    {
        // tracker, the call answered wrongly, the body, what the message must say.
        { "jira", "search", "{}", "jira: POST /rest/api/3/search/jql answered without 'issues'; expected {\"issues\":[...]}" },
        { "jira", "search", "[]", "jira: POST /rest/api/3/search/jql answered an array instead of an object; expected {\"issues\":[...]}" },
        { "jira", "search", "{\"issues\":{}}", "jira: POST /rest/api/3/search/jql answered 'issues' as an object; expected {\"issues\":[...]}" },
        { "jira", "search", "{\"issues\":[{\"id\":\"10001\",\"key\":5,\"fields\":{}}]}", "jira: POST /rest/api/3/search/jql answered 'issues[0].key' as a number; expected {\"key\":\"...\"} in 'issues[0]'" },
        { "jira", "search", "{\"issues\":[{\"id\":\"10001\",\"key\":\"PROJ-1\"}]}", "jira: POST /rest/api/3/search/jql answered without 'issues[0].fields'; expected {\"fields\":{...}} in 'issues[0]'" },
        { "jira", "search", "{\"issues\":[{\"id\":\"10001\",\"key\":\"PROJ-1\",\"fields\":{\"labels\":\"spec\"}}]}", "jira: POST /rest/api/3/search/jql answered 'issues[0].fields.labels' as a string; expected {\"labels\":[...]} in 'issues[0].fields'" },
        { "jira", "create", "{}", "jira: POST /rest/api/3/issue answered without 'key'; expected {\"key\":\"...\"}" },
        { "linear", "SpecCakeTeam", "{\"data\":{}}", "linear: POST /graphql (SpecCakeTeam) answered without 'team'; expected {\"team\":{...}}" },
        { "linear", "SpecCakeTeam", "{\"data\":{\"team\":[]}}", "linear: POST /graphql (SpecCakeTeam) answered 'team' as an array; expected {\"team\":{...}}" },
        { "linear", "SpecCakeFindIssues", "{\"data\":{\"a0\":{\"nodes\":[{\"url\":\"u\",\"issue\":{\"id\":7,\"identifier\":\"ENG-1\",\"team\":{\"id\":\"team-1111\"}}}]}}}", "linear: POST /graphql (SpecCakeFindIssues) answered 'a0.nodes[0].issue.id' as a number; expected {\"id\":\"...\"} in 'a0.nodes[0].issue'" },
        { "linear", "SpecCakeIssueCreate", "{\"data\":{\"issueCreate\":{\"success\":true}}}", "linear: POST /graphql (SpecCakeIssueCreate) answered without 'issueCreate.issue'; expected {\"issue\":{...}} in 'issueCreate'" },
        { "azure_devops", "wiql", "{}", "azure_devops: POST /your-org/your-project/_apis/wit/wiql answered without 'workItems'; expected {\"workItems\":[...]}" },
        { "azure_devops", "wiql", "[]", "azure_devops: POST /your-org/your-project/_apis/wit/wiql answered an array instead of an object; expected {\"workItems\":[...]}" },
        { "azure_devops", "wiql", "{\"workItems\":[{\"id\":\"1\"}]}", "azure_devops: POST /your-org/your-project/_apis/wit/wiql answered 'workItems[0].id' as a string; expected {\"id\":0} in 'workItems[0]'" },
        { "azure_devops", "create", "{}", "azure_devops: POST /your-org/your-project/_apis/wit/workitems/$User%20Story answered without 'id'; expected {\"id\":0}" },
        { "github_projects", "SpecCakeProject", "{\"data\":{\"repositoryOwner\":{\"projectV2\":{\"id\":7}}}}", "github_projects: POST /graphql (SpecCakeProject) answered 'repositoryOwner.projectV2.id' as a number; expected {\"id\":\"...\"} in 'repositoryOwner.projectV2'" },
        { "github_projects", "SpecCakeItems", "{\"data\":{\"node\":{}}}", "github_projects: POST /graphql (SpecCakeItems) answered without 'node.items'; expected {\"items\":{...}} in 'node'" },
        { "github_projects", "SpecCakeAddDraft", "{\"data\":{\"addProjectV2DraftIssue\":{}}}", "github_projects: POST /graphql (SpecCakeAddDraft) answered without 'addProjectV2DraftIssue.projectItem'; expected {\"projectItem\":{...}} in 'addProjectV2DraftIssue'" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task SyncAsync_AnswerOfAnUnexpectedShape_FailsWithOneClearMessageAndTheRestStillSyncs(string name, string call, string body, string message)
    {
        var tracker = TrackerFake.Named(name);
        await using var fake = tracker.Create();
        await fake.ListenAsync();
        // A second tracker in the same run, which must not notice.
        var other = TrackerFake.Named(name == "azure_devops" ? "jira" : "azure_devops");
        await using var otherFake = other.Create();
        await otherFake.ListenAsync();
        var perSpec = call is "create" or "SpecCakeIssueCreate" or "SpecCakeAddDraft";
        fake.Fail(Matcher(call), 200, times: perSpec ? 1 : 10, body: body);
        var config = tracker.Config(fake.Origin);
        var otherConfig = other.Config(otherFake.Origin).Integrations;
        config = config with
        {
            Integrations = config.Integrations with { Jira = config.Integrations.Jira ?? otherConfig.Jira, AzureDevOps = config.Integrations.AzureDevOps ?? otherConfig.AzureDevOps },
        };

        var summary = await TrackerSync.SyncAsync(config, Environment(), ManySpecs(2), Options(concurrency: 1));

        var result = summary.Trackers.Single(candidate => candidate.Tracker == name);
        var failed = result.Outcomes.Where(outcome => outcome.Action == SpecSyncAction.Failed).ToList();
        Assert.Equal(perSpec ? 1 : 2, failed.Count);
        Assert.All(failed, outcome => Assert.Equal(message, outcome.Error));
        Assert.DoesNotContain("Exception", summary.Render(), StringComparison.Ordinal);
        if (perSpec)
        {
            Assert.Single(result.Outcomes, outcome => outcome.Action == SpecSyncAction.Create);
        }

        Assert.Equal(2, summary.Trackers.Single(candidate => candidate.Tracker != name).Created);
    }

    private static Func<RecordedRequest, bool> Matcher(string call) => call switch
    {
        "search" => request => request.Path.EndsWith("/search/jql", StringComparison.Ordinal),
        "create" => request => request.Method == "POST" && (request.Path.EndsWith("/rest/api/3/issue", StringComparison.Ordinal) || request.Path.Contains("/workitems/", StringComparison.Ordinal)),
        "wiql" => request => request.Path.EndsWith("/wiql", StringComparison.Ordinal),
        _ => request => request.Body.Contains(call + "(", StringComparison.Ordinal) || request.Body.Contains(call + " ", StringComparison.Ordinal),
    };
}
