using SpecCake.Checks;
using SpecCake.Specs;
using SpecCake.Tests.Checks;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Integrations.Jira;

/// <summary>
/// CheckIntegrations' Jira checks against the fake Jira (Cloud and Server), after SyncTrackers has
/// put SpecCake's issues there: every request a check sends is a GET.
/// </summary>
public sealed class JiraChecksTests : IAsyncLifetime
{
    private readonly FakeJira _jira = new();

    public async Task InitializeAsync()
    {
        await _jira.ListenAsync();
    }

    public Task DisposeAsync() => _jira.DisposeAsync().AsTask();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CheckIntegrations_CorrectConfigAgainstAJiraHoldingSpecCakesIssues_EveryCheckPassesAndOnlyGetsAreSent(bool cloud)
    {
        await HoldSpecCakesIssuesAsync(cloud);
        using var scenario = new CheckScenario(YamlConfig(), JiraEnvironment(cloud));

        var report = scenario.Check();

        report.AllPassed();
        Assert.Equal(
            ["secrets", "sign-in", "project PROJ", "permissions", "issue type Story", "field_mappings", "transition_on_approve 21", "transition_on_implement 31"],
            report.Rows.Select(row => row.Check));
        Assert.Contains($"signed in to {(cloud ? "Jira Cloud" : "Jira Server/Data Center")} at {_jira.Origin} as SpecCake Bot", report.Row("jira", "sign-in").Outcome.Detail, StringComparison.Ordinal);
        Assert.Equal("acceptance_criteria → customfield_10002 (Acceptance criteria), spec_id → customfield_10001 (Spec ID)", report.Row("jira", "field_mappings").Outcome.Detail);
        Assert.All(_jira.Requests, request => Assert.Equal("GET", request.Method));
        Assert.All(_jira.Requests, request => Assert.StartsWith(cloud ? "/rest/api/3/" : "/rest/api/2/", request.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckIntegrations_UnknownTransitionWithoutAdministerJira_FailsListingTheTransitionsTheIssuesOffer()
    {
        await HoldSpecCakesIssuesAsync(cloud: true);
        using var scenario = new CheckScenario(YamlConfig(implement: "99"), JiraEnvironment(cloud: true));

        var row = scenario.Check().Row("jira", "transition_on_implement 99");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal(
            "transition \"99\" (transition_on_implement) is not one Jira knows; the transitions on the 2 Story issues of PROJ (in In Progress, To Do): "
            + "21 Start progress (→ In Progress), 31 Done (→ Done), 41 Stop progress (→ To Do)",
            row.Outcome.Detail);
        Assert.Contains("set transition_on_implement to the ID of the transition", row.Outcome.Fix, StringComparison.Ordinal);
        Assert.Contains(_jira.Requests, request => request.Path == "/rest/api/3/workflowscheme/project");
        Assert.Contains(_jira.Requests, request => request.Path == "/rest/api/3/search/jql" && request.Method == "GET");
    }

    [Fact]
    public async Task CheckIntegrations_UnknownTransitionAsAJiraAdministrator_FailsListingTheWorkflowsTransitions()
    {
        _jira.AdministerJira = true;
        using var scenario = new CheckScenario(YamlConfig(implement: "99"), JiraEnvironment(cloud: true));

        var row = scenario.Check().Row("jira", "transition_on_implement 99");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal(
            "transition \"99\" (transition_on_implement) is not one Jira knows; the transitions in the workflow \"Software Simplified Workflow for Project PROJ\" of Story issues in PROJ: "
            + "11 Reopen (→ To Do), 21 Start progress (→ In Progress), 31 Done (→ Done), 41 Stop progress (→ To Do)",
            row.Outcome.Detail);
        Assert.DoesNotContain(_jira.Requests, request => request.Path.StartsWith("/rest/api/3/search", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckIntegrations_ProjectWithoutIssuesAndNoAdministerJira_TransitionIsAWarningThatSaysWhy()
    {
        using var scenario = new CheckScenario(YamlConfig(), JiraEnvironment(cloud: false));

        var row = scenario.Check().Row("jira", "transition_on_approve 21");

        Assert.Equal(CheckResult.Warning, row.Outcome.Result);
        Assert.Equal("cannot tell: Jira lists transitions on the Story issues of PROJ, of which there are none yet, and reading the workflow needs the Administer Jira permission", row.Outcome.Detail);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task CheckIntegrations_UnknownCustomField_FailsNamingTheFieldsJiraHasWithTheirDisplayNames()
    {
        using var scenario = new CheckScenario(YamlConfig(criteriaField: "customfield_10999"), JiraEnvironment(cloud: true));

        var row = scenario.Check().Row("jira", "field_mappings");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal(
            "Jira has no field customfield_10999 (field_mappings.acceptance_criteria); its custom fields: customfield_10001 Spec ID, customfield_10002 Acceptance criteria",
            row.Outcome.Detail);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task CheckIntegrations_CredentialsRefused_SignInFailsWithTheFixAndTheRestIsSkipped()
    {
        _jira.RejectCredentials = true;
        using var scenario = new CheckScenario(YamlConfig(), JiraEnvironment(cloud: true));

        var report = scenario.Check();

        var signIn = report.Row("jira", "sign-in").Outcome;
        Assert.Equal(CheckResult.Failed, signIn.Result);
        Assert.StartsWith("jira: GET /rest/api/3/myself answered 401 Unauthorized", signIn.Detail, StringComparison.Ordinal);
        Assert.Contains("gh secret set JIRA_API_TOKEN", signIn.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain(JiraToken, report.ToTable(), StringComparison.Ordinal);
        Assert.All(report.Rows.SkipWhile(row => row.Check != "sign-in").Skip(1), row => Assert.Equal((CheckResult.Skipped, "needs sign-in to pass"), (row.Outcome.Result, row.Outcome.Detail)));
        Assert.Single(_jira.Requests);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task CheckIntegrations_UnknownProject_FailsAndSkipsWhatNeedsIt()
    {
        using var scenario = new CheckScenario(YamlConfig(project: "NOPE"), JiraEnvironment(cloud: true));

        var report = scenario.Check();

        Assert.Equal(CheckResult.Failed, report.Row("jira", "project NOPE").Outcome.Result);
        Assert.StartsWith("Jira has no project NOPE the account can browse", report.Row("jira", "project NOPE").Outcome.Fix, StringComparison.Ordinal);
        Assert.Equal(CheckResult.Skipped, report.Row("jira", "permissions").Outcome.Result);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task CheckIntegrations_AccountMayNotCreateIssues_FailsNamingThePermission()
    {
        _jira.Permissions.Remove("CREATE_ISSUES");
        _jira.Permissions.Remove("DELETE_ISSUES");
        using var scenario = new CheckScenario(YamlConfig(), JiraEnvironment(cloud: true));

        var row = scenario.Check().Row("jira", "permissions");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal("the account may not: Create Issues (CREATE_ISSUES) in PROJ", row.Outcome.Detail);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task CheckIntegrations_AccountMayNotDeleteIssues_IsAWarningNotAFailure()
    {
        _jira.Permissions.Remove("DELETE_ISSUES");
        using var scenario = new CheckScenario(YamlConfig(), JiraEnvironment(cloud: true));

        var row = scenario.Check().Row("jira", "permissions");

        Assert.Equal(CheckResult.Warning, row.Outcome.Result);
        Assert.Contains("relabelled speccake-duplicate", row.Outcome.Detail, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(true, "Subtask")]
    [InlineData(false, "Sub-task")]
    public async Task CheckIntegrations_IssueTypeTheProjectLacks_FailsListingItsTypes(bool cloud, string subtask)
    {
        using var scenario = new CheckScenario(YamlConfig(issueType: "Epic"), JiraEnvironment(cloud));

        var row = scenario.Check().Row("jira", "issue type Epic");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal($"PROJ has no issue type \"Epic\" (issue_type); its issue types: Story, Bug, {subtask}", row.Outcome.Detail);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CheckIntegrations_StatusMappingNameJiraLacks_FailsListingTheIssueTypesStatuses(bool cloud)
    {
        using var scenario = new CheckScenario(YamlConfig(statusMappings: "    status_mappings:\n      approved: \"In Progress\"\n      implemented: \"Shipped\"\n"), JiraEnvironment(cloud));

        var row = scenario.Check().Row("jira", "status_mappings");

        Assert.Equal(CheckResult.Failed, row.Outcome.Result);
        Assert.Equal("Story issues of PROJ have no status \"Shipped\" (status_mappings.implemented); their statuses: To Do, In Progress, Done", row.Outcome.Detail);
        Assert.All(_jira.Requests, request => Assert.Equal("GET", request.Method));
        await Task.CompletedTask;
    }

    private async Task HoldSpecCakesIssuesAsync(bool cloud)
    {
        var summary = await TrackerSync.SyncAsync(TrackerScenario.Config(jira: TrackerScenario.Jira(_jira.Origin)), Environment(cloud), [Spec(1), Spec(2, SpecStatus.Approved)], Options());
        Assert.Equal(2, summary.Trackers.Single().Created);
        _jira.ClearRequests();
    }

    private Dictionary<string, string?> JiraEnvironment(bool cloud) => new()
    {
        ["JIRA_EMAIL"] = cloud ? JiraEmail : null,
        ["JIRA_API_TOKEN"] = JiraToken,
    };

    private string YamlConfig(
        string project = "PROJ", string issueType = "Story", string implement = "31", string criteriaField = "customfield_10002", string statusMappings = "") => $"""
        integrations:
          jira:
            enabled: true
            base_url: "{_jira.Origin}"
            project_key: "{project}"
            issue_type: "{issueType}"
            transition_on_approve: "21"
            transition_on_implement: "{implement}"
            field_mappings:
              spec_id: "customfield_10001"
              acceptance_criteria: "{criteriaField}"
        {statusMappings}
        """;
}
