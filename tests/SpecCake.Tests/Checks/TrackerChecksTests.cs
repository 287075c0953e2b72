using SpecCake.Checks;
using SpecCake.Tests.Trackers.Fakes;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Checks;

/// <summary>CheckIntegrations' Linear, Azure DevOps and GitHub Projects checks against their fakes: the passing and the failing case of each, reads only.</summary>
public sealed class TrackerChecksTests
{
    [Fact]
    public async Task CheckIntegrations_LinearAsConfigured_KeyTeamStatesAndLabelsPassWithQueriesOnly()
    {
        await using var linear = new FakeLinear();
        await linear.ListenAsync();
        using var scenario = new CheckScenario(LinearConfig(linear.Origin, "Todo"), new() { ["LINEAR_API_KEY"] = LinearKey });

        var report = scenario.Check();

        report.AllPassed();
        Assert.Equal(["secrets", "API key", "team team-1111", "state_mappings", "labels"], report.Rows.Select(row => row.Check));
        Assert.Equal("the key is SpecCake Bot's (bot@example.com)", report.Row("linear", "API key").Outcome.Detail);
        Assert.Equal("Engineering (ENG, team-1111)", report.Row("linear", "team team-1111").Outcome.Detail);
        Assert.Empty(linear.Writes);
    }

    [Fact]
    public async Task CheckIntegrations_LinearStateTheTeamLacks_FailsListingTheTeamsStates()
    {
        await using var linear = new FakeLinear();
        await linear.ListenAsync();
        using var scenario = new CheckScenario(LinearConfig(linear.Origin, "Ready for dev"), new() { ["LINEAR_API_KEY"] = LinearKey });

        var row = scenario.Check().Row("linear", "state_mappings");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal("team team-1111 has no workflow state \"Ready for dev\" (state_mappings.approved); its states: Backlog, Todo, In Progress, In Review, Done", row.Outcome.Detail);
    }

    [Fact]
    public async Task CheckIntegrations_LinearKeyRefused_FailsWithTheFixAndSkipsTheTeam()
    {
        await using var linear = new FakeLinear();
        await linear.ListenAsync();
        using var scenario = new CheckScenario(LinearConfig(linear.Origin, "Todo"), new() { ["LINEAR_API_KEY"] = "lin_api_wrong0000" });

        var report = scenario.Check();

        var key = report.Row("linear", "API key").Outcome;
        Assert.Equal(CheckResult.Failed, key.Result);
        Assert.Contains("answered 400 Bad Request", key.Detail, StringComparison.Ordinal);
        Assert.Contains("Authentication required", key.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("lin_api_wrong0000", report.ToTable(), StringComparison.Ordinal);
        Assert.EndsWith("gh secret set LINEAR_API_KEY", key.Fix, StringComparison.Ordinal);
        Assert.Equal(CheckResult.Skipped, report.Row("linear", "team team-1111").Outcome.Result);
    }

    [Fact]
    public async Task CheckIntegrations_LinearTeamUnknown_FailsListingTheTeamsTheKeySees()
    {
        await using var linear = new FakeLinear();
        await linear.ListenAsync();
        using var scenario = new CheckScenario(LinearConfig(linear.Origin, "Todo", team: "TEAM_ID"), new() { ["LINEAR_API_KEY"] = LinearKey });

        var row = scenario.Check().Row("linear", "team TEAM_ID");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal("Linear has no team \"TEAM_ID\" the key can see; its teams: ENG Engineering (team-1111)", row.Outcome.Detail);
    }

    [Fact]
    public async Task CheckIntegrations_AzureDevOpsAsConfigured_ProjectTypeAndStatesPassWithGetsOnly()
    {
        await using var ado = new FakeAzureDevOps();
        await ado.ListenAsync();
        using var scenario = new CheckScenario(AzureDevOpsConfig(ado.Origin, "your-project", "User Story"), new() { ["AZURE_DEVOPS_PAT"] = AdoPat });

        var report = scenario.Check();

        report.AllPassed();
        Assert.Equal("draft → New, review → New, approved → Active, implemented → Closed", report.Row("azure_devops", "state_mappings").Outcome.Detail);
        Assert.All(ado.Requests, request => Assert.Equal("GET", request.Method));
        Assert.All(ado.Requests, request => Assert.Contains("api-version=7.1", request.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckIntegrations_AzureDevOpsUnknownProject_FailsAndSkipsTheType()
    {
        await using var ado = new FakeAzureDevOps();
        await ado.ListenAsync();
        using var scenario = new CheckScenario(AzureDevOpsConfig(ado.Origin, "other-project", "User Story"), new() { ["AZURE_DEVOPS_PAT"] = AdoPat });

        var report = scenario.Check();

        var project = report.Row("azure_devops", "project").Outcome;
        Assert.Equal(CheckResult.Failed, project.Result);
        Assert.Contains("TF200016", project.Detail, StringComparison.Ordinal);
        Assert.StartsWith("no project other-project in organization your-org", project.Fix, StringComparison.Ordinal);
        Assert.Equal(CheckResult.Skipped, report.Row("azure_devops", "work item type User Story").Outcome.Result);
    }

    [Fact]
    public async Task CheckIntegrations_AzureDevOpsTypeWithoutTheMappedState_FailsListingTheTypesStates()
    {
        await using var ado = new FakeAzureDevOps();
        await ado.ListenAsync();
        using var scenario = new CheckScenario(AzureDevOpsConfig(ado.Origin, "your-project", "Bug", review: "Removed"), new() { ["AZURE_DEVOPS_PAT"] = AdoPat });

        var report = scenario.Check();

        Assert.Equal(CheckResult.Passed, report.Row("azure_devops", "work item type Bug").Outcome.Result);
        var states = report.Row("azure_devops", "state_mappings").Outcome;
        Assert.Equal(CheckResult.Failed, states.Result);
        Assert.Equal("\"Bug\" has no state \"Removed\" (review); its states: New, Active, Resolved, Closed", states.Detail);
    }

    [Fact]
    public async Task CheckIntegrations_AzureDevOpsUnknownType_FailsListingTheProjectsTypes()
    {
        await using var ado = new FakeAzureDevOps();
        await ado.ListenAsync();
        using var scenario = new CheckScenario(AzureDevOpsConfig(ado.Origin, "your-project", "Product Backlog Item"), new() { ["AZURE_DEVOPS_PAT"] = AdoPat });

        var row = scenario.Check().Row("azure_devops", "work item type Product Backlog Item");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal("your-project has no work item type \"Product Backlog Item\" (work_item_type); its types: User Story, Bug, Task", row.Outcome.Detail);
    }

    [Fact]
    public async Task CheckIntegrations_GitHubProjectsAsConfigured_ProjectFieldAndOptionsPassWithOneQuery()
    {
        await using var projects = new FakeGitHubProjects();
        await projects.ListenAsync();
        using var scenario = new CheckScenario(GitHubProjectsConfig(projects.Origin, "Status", "Ready"), new() { ["GITHUB_TOKEN"] = GitHubToken });

        var report = scenario.Check();

        report.AllPassed();
        Assert.Equal("\"Status\" has the options Backlog, In Review, Ready, Done", report.Row("github_projects", "status_field Status").Outcome.Detail);
        var query = Assert.Single(projects.Requests);
        Assert.Contains("query SpecCakeProject", query.Body, StringComparison.Ordinal);
        Assert.Equal("Bearer " + GitHubToken, query.Header("Authorization"));
    }

    [Fact]
    public async Task CheckIntegrations_GitHubProjectsOptionMissing_FailsListingTheFieldsOptions()
    {
        await using var projects = new FakeGitHubProjects();
        await projects.ListenAsync();
        using var scenario = new CheckScenario(GitHubProjectsConfig(projects.Origin, "Status", "Approved"), new() { ["GITHUB_TOKEN"] = GitHubToken });

        var row = scenario.Check().Row("github_projects", "status_mappings");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal("\"Status\" has no option \"Approved\" (status_mappings.approved); its options: Backlog, In Review, Ready, Done", row.Outcome.Detail);
    }

    [Fact]
    public async Task CheckIntegrations_GitHubProjectsFieldMissingOrProjectUnknown_FailsAndSkipsTheOptions()
    {
        await using var projects = new FakeGitHubProjects();
        await projects.ListenAsync();
        using var noField = new CheckScenario(GitHubProjectsConfig(projects.Origin, "Stage", "Ready"), new() { ["GITHUB_TOKEN"] = GitHubToken });
        using var noProject = new CheckScenario(GitHubProjectsConfig(projects.Origin, "Status", "Ready", number: 99), new() { ["GITHUB_TOKEN"] = GitHubToken });

        var fieldReport = noField.Check();
        var projectReport = noProject.Check();

        Assert.Equal("project 7 has no single-select field \"Stage\" (status_field)", fieldReport.Row("github_projects", "status_field Stage").Outcome.Detail);
        Assert.Equal(CheckResult.Skipped, fieldReport.Row("github_projects", "status_mappings").Outcome.Result);
        Assert.Equal("project 99 of \"octo-org\" does not exist or the token cannot see it", projectReport.Row("github_projects", "project 99").Outcome.Detail);
    }

    internal static string LinearConfig(string origin, string approved, string team = FakeLinear.TeamId) => $"""
        integrations:
          linear:
            enabled: true
            api_url: "{origin}/graphql"
            team_id: "{team}"
            labels: ["spec", "automated"]
            state_mappings:
              draft: "Backlog"
              review: "In Review"
              approved: "{approved}"
              implemented: "Done"
        """;

    internal static string AzureDevOpsConfig(string origin, string project, string type, string review = "New") => $"""
        integrations:
          azure_devops:
            enabled: true
            api_url: "{origin}"
            organization: "your-org"
            project: "{project}"
            work_item_type: "{type}"
            state_mappings:
              review: "{review}"
        """;

    internal static string GitHubProjectsConfig(string origin, string field, string approved, int number = FakeGitHubProjects.ProjectNumber) => $"""
        integrations:
          github_projects:
            enabled: true
            api_url: "{origin}"
            owner: "{FakeGitHubProjects.Owner}"
            project_number: {number}
            status_field: "{field}"
            status_mappings:
              draft: "Backlog"
              review: "In Review"
              approved: "{approved}"
              implemented: "Done"
        """;
}
