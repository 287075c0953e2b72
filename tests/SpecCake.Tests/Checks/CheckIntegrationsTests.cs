using Cake.Core;
using SpecCake.Checks;
using SpecCake.Tests.Implementation.Fakes;
using SpecCake.Tests.Integrations;
using SpecCake.Tests.Integrations.Email;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Checks;

/// <summary>
/// CheckIntegrations as a whole: the task's verdict and table, <c>--only</c>, the dry run, ImplementSpec's
/// setup, and that no write of any kind reaches any service, whatever is enabled.
/// </summary>
public sealed class CheckIntegrationsTests
{
    [Fact]
    public async Task Run_JiraHoldingSpecCakesIssuesWithACorrectConfig_Passes()
    {
        await using var jira = await JiraWithSpecCakesIssuesAsync();
        using var scenario = new CheckScenario(JiraConfig(jira.Origin, implement: "31", criteriaField: "customfield_10002"), JiraCloud());

        var report = scenario.Run();

        report.AllPassed();
        Assert.Contains("SpecCake integration checks (read-only)", scenario.Log.Text, StringComparison.Ordinal);
        Assert.Empty(jira.Writes);
    }

    [Fact]
    public async Task Run_WrongTransitionUnknownFieldAndSlackWithoutItsSecret_FailsNamingEachWithItsFixAndWritesNothing()
    {
        await using var jira = await JiraWithSpecCakesIssuesAsync();
        var config = JiraConfig(jira.Origin, implement: "99", criteriaField: "customfield_10999") + """

              slack:
                enabled: true
                notify_on: ["implementation_failed"]
            """;
        using var scenario = new CheckScenario(config, JiraCloud());

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Equal(
            "CheckIntegrations: 3 checks failed (slack secrets, jira field_mappings, jira transition_on_implement 99); the table above says how to fix each.",
            error.Message);
        var table = scenario.Log.Text;
        Assert.Contains("transition \"99\" (transition_on_implement) is not one Jira knows", table, StringComparison.Ordinal);
        Assert.Contains("21 Start progress (→ In Progress), 31 Done (→ Done), 41 Stop progress (→ To Do)", table, StringComparison.Ordinal);
        Assert.Contains("Jira has no field customfield_10999 (field_mappings.acceptance_criteria); its custom fields: customfield_10001 Spec ID, customfield_10002 Acceptance criteria", table, StringComparison.Ordinal);
        Assert.Contains("integrations.slack is enabled but the secret SLACK_WEBHOOK_URL is not set", table, StringComparison.Ordinal);
        Assert.Contains("gh secret set SLACK_WEBHOOK_URL", table, StringComparison.Ordinal);
        Assert.Empty(jira.Writes);
        Assert.All(jira.Requests, request => Assert.Equal("GET", request.Method));
    }

    [Fact]
    public async Task Check_EveryIntegrationAndImplementSpecEnabled_NoWriteReachesAnyServiceAndSilentOnesGetNoRequest()
    {
        await using var jira = await JiraWithSpecCakesIssuesAsync();
        await using var linear = new FakeLinear();
        await linear.ListenAsync();
        await using var ado = new FakeAzureDevOps();
        await ado.ListenAsync();
        await using var projects = new FakeGitHubProjects();
        await projects.ListenAsync();
        await using var github = await FakeGitHubPulls.StartAsync();
        await using var datadog = await NotifierChecksTests.Datadog();
        await using var discord = await NotifierChecksTests.Discord();
        await using var opsgenie = await NotifierChecksTests.Opsgenie();
        await using var silent = await LoopbackServer.StartAsync();
        await using var smtp = await LoopbackSmtpServer.StartAsync(startTls: true, requiredLogin: ("specs-bot", "smtp-5ecret"));
        using var claude = new FakeClaude();
        var config = $$"""
            implementation:
              agent: claude-code
              executable: "{{claude.Path}}"
            integrations:
              slack: {{Enabled("notify_on: [\"implementation_failed\"]")}}
              teams: {{Enabled("notify_on: [\"implementation_failed\"]")}}
              discord: {{Enabled("notify_on: [\"implementation_failed\"]")}}
              email:
                enabled: true
                smtp: { host: "127.0.0.1", port: {{smtp.Port}}, secure: true }
                from: "specs@example.com"
                recipients: { implementation_failed: ["oncall@example.com"] }
              webhooks:
                enabled: true
                endpoints:
                  - { name: "analytics", url: "{{silent.Url("/events")}}", events: ["implementation_completed"], secret: "${WEBHOOK_SECRET_ANALYTICS}" }
              pagerduty: {{Enabled($"api_url: \"{silent.Origin}\"")}}
              opsgenie: {{Enabled($"api_url: \"{opsgenie.Origin}\"")}}
              datadog: {{Enabled($"api_url: \"{datadog.Origin}\"")}}
              new_relic: {{Enabled($"api_url: \"{silent.Origin}\", account_id: \"1234567\"")}}
              sentry: {{Enabled("report_on: [\"implementation_failed\"]")}}
              jira:
                enabled: true
                base_url: "{{jira.Origin}}"
                project_key: "PROJ"
                transition_on_approve: "21"
                status_mappings: { implemented: "Done" }
                field_mappings: { spec_id: "customfield_10001" }
                create_subtasks: true
              linear:
                enabled: true
                api_url: "{{linear.Origin}}/graphql"
                team_id: "{{FakeLinear.TeamId}}"
                state_mappings: { approved: "Todo" }
              azure_devops:
                enabled: true
                api_url: "{{ado.Origin}}"
                organization: "your-org"
                project: "your-project"
              github_projects:
                enabled: true
                api_url: "{{projects.Origin}}"
                owner: "{{FakeGitHubProjects.Owner}}"
                project_number: {{FakeGitHubProjects.ProjectNumber}}
                status_mappings: { approved: "Ready" }
            """;
        var environment = JiraCloud();
        environment["SLACK_WEBHOOK_URL"] = silent.Url("/slack/services/T1/B2/x");
        environment["TEAMS_WEBHOOK_URL"] = silent.Url("/teams/workflows/1/triggers/manual/paths/invoke");
        environment["DISCORD_WEBHOOK_URL"] = discord.Url("/api/webhooks/1234567890/hook-5ecret-token");
        environment["SMTP_USER"] = "specs-bot";
        environment["SMTP_PASSWORD"] = "smtp-5ecret";
        environment["WEBHOOK_SECRET_ANALYTICS"] = "hmac-5ecret";
        environment["PAGERDUTY_ROUTING_KEY"] = "0123456789abcdef0123456789abcdef";
        environment["OPSGENIE_API_KEY"] = "og-5ecret-0000-1111";
        environment["DATADOG_API_KEY"] = "dd0123456789abcdef0123456789abcd";
        environment["DATADOG_APP_KEY"] = "dd-app-5ecret";
        environment["NEW_RELIC_API_KEY"] = "0123456789abcdef0123456789abcdef0123NRAL";
        environment["SENTRY_DSN"] = $"http://sentrykey5ecret@127.0.0.1:{new Uri(silent.Origin).Port}/42";
        environment["LINEAR_API_KEY"] = LinearKey;
        environment["AZURE_DEVOPS_PAT"] = AdoPat;
        environment["GITHUB_TOKEN"] = FakeGitHubPulls.Token;
        environment["GITHUB_REPOSITORY"] = $"{FakeGitHubPulls.Owner}/{FakeGitHubPulls.Name}";
        environment["GITHUB_API_URL"] = github.ApiUrl;
        environment["ANTHROPIC_API_KEY"] = "sk-ant-5ecret";
        using var scenario = new CheckScenario(config, environment) { ServerCertificateValidation = EmailNotifierTests.TrustOnly(smtp) };

        var report = scenario.Check();

        Assert.Equal(
            ["slack", "teams", "discord", "email", "webhooks", "pagerduty", "opsgenie", "datadog", "new_relic", "sentry", "jira", "linear", "azure_devops", "github_projects", "implementation"],
            report.Rows.Select(row => row.Integration).Distinct());
        Assert.DoesNotContain(report.Rows, row => row.Outcome.Result is CheckResult.Failed or CheckResult.Skipped);
        // Reads only: GETs, and GraphQL queries (Linear, GitHub Projects); SMTP without MAIL, RCPT or DATA.
        foreach (var server in new LoopbackServer[] { jira, ado, github, datadog, discord, opsgenie })
        {
            Assert.All(server.Requests, request => Assert.Equal("GET", request.Method));
        }

        foreach (var graphQL in new LoopbackServer[] { linear, projects })
        {
            Assert.NotEmpty(graphQL.Requests);
            Assert.All(graphQL.Requests, request => Assert.StartsWith("query ", request.Json["query"]!.GetValue<string>().TrimStart(), StringComparison.Ordinal));
            Assert.Empty(graphQL.Writes);
        }

        Assert.Empty(silent.Requests);
        Assert.Equal(["EHLO", "STARTTLS", "EHLO", "AUTH", "QUIT"], smtp.Commands);
        Assert.Empty(smtp.Messages);
        Assert.Contains("5ecret", string.Join(",", environment.Values), StringComparison.Ordinal);
        Assert.DoesNotContain("5ecret", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ImplementSpecSetUp_SecretsCliAndRepositoryPass()
    {
        await using var github = await FakeGitHubPulls.StartAsync();
        using var claude = new FakeClaude();
        using var scenario = new CheckScenario(ImplementationConfig(claude.Path), GitHubEnvironment(github));

        var report = scenario.Check();

        report.AllPassed();
        Assert.Equal($"2.1.332 (Claude Code) at {claude.Path}", report.Row("implementation", "claude CLI").Outcome.Detail);
        Assert.Equal("octo-org/specs-repo is readable, the token may push and open pull requests (default branch main)", report.Row("implementation", "GitHub repository").Outcome.Detail);
        Assert.Equal(["GET /api/v3/repos/octo-org/specs-repo", "GET /api/v3/repos/octo-org/specs-repo/pulls"], github.Requests.Select(request => $"{request.Method} {request.Path}"));
    }

    [Fact]
    public async Task Check_ImplementSpecWithoutCliKeyOrPushRight_FailsEachWithItsFix()
    {
        await using var github = await FakeGitHubPulls.StartAsync();
        github.Push = false;
        var environment = GitHubEnvironment(github);
        environment.Remove("ANTHROPIC_API_KEY");
        using var scenario = new CheckScenario(ImplementationConfig("/nonexistent/claude"), environment);

        var report = scenario.Check();

        Assert.Equal(("FAILED", "gh secret set ANTHROPIC_API_KEY"), (CheckReport.Describe(report.Row("implementation", "secrets").Outcome.Result), report.Row("implementation", "secrets").Outcome.Fix));
        Assert.Equal("the Claude Code CLI ('/nonexistent/claude') was not found", report.Row("implementation", "claude CLI").Outcome.Detail);
        Assert.StartsWith("npm install -g @anthropic-ai/claude-code", report.Row("implementation", "claude CLI").Outcome.Fix, StringComparison.Ordinal);
        Assert.Equal("octo-org/specs-repo is readable, but the token may not push to it", report.Row("implementation", "GitHub repository").Outcome.Detail);
        environment.Remove("GITHUB_TOKEN");
        Assert.Equal((CheckResult.Skipped, "needs GITHUB_TOKEN"), (scenario.Check().Row("implementation", "GitHub repository").Outcome.Result, scenario.Check().Row("implementation", "GitHub repository").Outcome.Detail));
    }

    [Fact]
    public void Check_OnlyAnUnknownName_RefusedListingTheValidNames()
    {
        using var scenario = new CheckScenario("integrations: {}\n");

        var error = Assert.Throws<CakeException>(() => scenario.Check("jria"));

        Assert.Equal(
            "--only: unknown integration jria; valid names: slack, teams, discord, email, webhooks, pagerduty, opsgenie, datadog, new_relic, sentry, jira, linear, azure_devops, github_projects, implementation.",
            error.Message);
    }

    [Fact]
    public async Task Check_OnlyJira_ChecksJiraAloneAndNotSlack()
    {
        await using var jira = await JiraWithSpecCakesIssuesAsync();
        var config = JiraConfig(jira.Origin, implement: "31", criteriaField: "customfield_10002") + "\n  slack:\n    enabled: true\n";
        using var scenario = new CheckScenario(config, JiraCloud());

        var report = scenario.Check("jira");

        Assert.All(report.Rows, row => Assert.Equal("jira", row.Integration));
        report.AllPassed();
    }

    [Fact]
    public async Task Check_DryRun_ListsTheChecksAndSendsNothing()
    {
        await using var jira = new FakeJira();
        await jira.ListenAsync();
        using var scenario = new CheckScenario(JiraConfig(jira.Origin, implement: "31", criteriaField: "customfield_10002"), JiraCloud());

        var report = new SpecCake.Aliases.CheckIntegrationsTaskRunner(
            SpecCake.Aliases.NotificationInputs.Files,
            new SpecCake.Aliases.NotificationHost(scenario.Directory, scenario.Environment, scenario.Log, DryRun: true, TimeProvider.System)).Check(new SpecCake.Aliases.CheckIntegrationsSettings());

        Assert.All(report.Rows, row => Assert.Equal((CheckResult.Skipped, "dry run: nothing was read"), (row.Outcome.Result, row.Outcome.Detail)));
        Assert.Contains(report.Rows, row => row.Check == "transition_on_implement 31");
        Assert.Empty(jira.Requests);
    }

    private static async Task<FakeJira> JiraWithSpecCakesIssuesAsync()
    {
        var jira = new FakeJira();
        await jira.ListenAsync();
        var summary = await TrackerSync.SyncAsync(TrackerScenario.Config(jira: Jira(jira.Origin)), Environment(), [Spec(1), Spec(2, global::SpecCake.Specs.SpecStatus.Approved)], Options());
        Assert.Equal(2, summary.Trackers.Single().Created);
        jira.ClearRequests();
        return jira;
    }

    private static Dictionary<string, string?> JiraCloud() => new() { ["JIRA_EMAIL"] = JiraEmail, ["JIRA_API_TOKEN"] = JiraToken };

    private static string Enabled(string settings) => $"{{ enabled: true, {settings} }}";

    private static string JiraConfig(string origin, string implement, string criteriaField) => $"""
        integrations:
          jira:
            enabled: true
            base_url: "{origin}"
            project_key: "PROJ"
            issue_type: "Story"
            transition_on_approve: "21"
            transition_on_implement: "{implement}"
            field_mappings:
              spec_id: "customfield_10001"
              acceptance_criteria: "{criteriaField}"
        """;

    private static string ImplementationConfig(string executable) => $"""
        implementation:
          agent: claude-code
          executable: "{executable}"
        """;

    private static Dictionary<string, string?> GitHubEnvironment(FakeGitHubPulls github) => new()
    {
        ["GITHUB_TOKEN"] = FakeGitHubPulls.Token,
        ["GITHUB_REPOSITORY"] = $"{FakeGitHubPulls.Owner}/{FakeGitHubPulls.Name}",
        ["GITHUB_API_URL"] = github.ApiUrl,
        ["ANTHROPIC_API_KEY"] = "sk-ant-5ecret",
    };

    /// <summary>A stand-in for the Claude Code CLI that answers <c>--version</c> as the real one does.</summary>
    private sealed class FakeClaude : IDisposable
    {
        private readonly TempFolder _directory = new("fake-claude");

        public FakeClaude()
        {
            Path = _directory.Combine("claude");
            File.WriteAllText(Path, "#!/bin/sh\necho '2.1.332 (Claude Code)'\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        public string Path { get; }

        public void Dispose() => _directory.Dispose();
    }
}
