using System.Globalization;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Http;
using SpecCake.Integrations.AzureDevOps;
using SpecCake.Integrations.GitHubProjects;
using SpecCake.Integrations.Jira;
using SpecCake.Integrations.Linear;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Tests.Trackers.Fakes;

/// <summary>Specs, secrets and config blocks pointed at the fakes, shared by the tests and the benchmark.</summary>
public static class TrackerScenario
{
    public const string JiraEmail = "bot@example.com";
    public const string JiraToken = "jira-token-5ecret";
    public const string LinearKey = "lin_api_5ecretkey";
    public const string AdoPat = "ado-pat-5ecret";
    public const string GitHubToken = "ghp_5ecrettoken";
    public const string Repository = "octo-org/specs-repo";

    public static Spec Spec(int number, SpecStatus status = SpecStatus.Draft, params string[] labels) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"FEAT-{number:0000}"),
        Title = string.Create(CultureInfo.InvariantCulture, $"Feature {number}"),
        Status = status,
        File = string.Create(CultureInfo.InvariantCulture, $"specs/features/FEAT-{number:0000}.yaml"),
        Labels = labels,
        Description = string.Create(CultureInfo.InvariantCulture, $"What feature {number} does.\n\nWhy it matters."),
        AcceptanceCriteria =
        [
            new AcceptanceCriterion("AC-1", "Users can sign in"),
            new AcceptanceCriterion("AC-2", "Lockout after 5 attempts"),
        ],
    };

    public static IReadOnlyList<Spec> ManySpecs(int count, SpecStatus status = SpecStatus.Draft) =>
        [.. Enumerable.Range(1, count).Select(number => Spec(number, status))];

    public static Dictionary<string, string?> Environment(bool jiraCloud = true) => new()
    {
        ["JIRA_EMAIL"] = jiraCloud ? JiraEmail : null,
        ["JIRA_API_TOKEN"] = JiraToken,
        ["LINEAR_API_KEY"] = LinearKey,
        ["AZURE_DEVOPS_PAT"] = AdoPat,
        [SecretNames.GitHubToken] = GitHubToken,
        ["GITHUB_REPOSITORY"] = Repository,
        ["GITHUB_SERVER_URL"] = "https://github.com",
    };

    /// <summary>Fast retries (a few milliseconds apart) so failure tests stay quick.</summary>
    public static TrackerSyncOptions Options(bool dryRun = false, int concurrency = 4) => new()
    {
        DryRun = dryRun,
        MaxConcurrency = concurrency,
        RetryPolicy = new RetryPolicy
        {
            MaxRetries = 2,
            BaseDelay = TimeSpan.FromMilliseconds(2),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(30),
            MaxRetryAfter = TimeSpan.FromSeconds(2),
        },
    };

    public static JiraOptions Jira(string baseUrl) => new()
    {
        Enabled = true,
        BaseUrl = baseUrl,
        ProjectKey = "PROJ",
        IssueType = "Story",
        TransitionOnApprove = "21",
        TransitionOnImplement = "31",
        FieldMappings = new Dictionary<string, string>
        {
            ["spec_id"] = "customfield_10001",
            ["acceptance_criteria"] = "customfield_10002",
        },
    };

    public static LinearOptions Linear(string baseUrl) => new()
    {
        Enabled = true,
        ApiUrl = baseUrl + "/graphql",
        TeamId = FakeLinear.TeamId,
        Labels = ["spec", "automated"],
        StateMappings = new Dictionary<string, string>
        {
            ["draft"] = "Backlog", ["review"] = "In Review", ["approved"] = "Todo", ["implemented"] = "Done",
        },
    };

    public static AzureDevOpsOptions AzureDevOps(string baseUrl) => new()
    {
        Enabled = true,
        ApiUrl = baseUrl,
        Organization = "your-org",
        Project = "your-project",
        WorkItemType = "User Story",
        AreaPath = "your-project\\Team",
        IterationPath = "your-project\\Sprint 1",
    };

    public static GitHubProjectsOptions GitHubProjects(string baseUrl) => new()
    {
        Enabled = true,
        ApiUrl = baseUrl,
        Owner = FakeGitHubProjects.Owner,
        ProjectNumber = FakeGitHubProjects.ProjectNumber,
        StatusField = "Status",
        StatusMappings = new Dictionary<string, string>
        {
            ["draft"] = "Backlog", ["review"] = "In Review", ["approved"] = "Ready", ["implemented"] = "Done",
        },
    };

    public static SpecCakeConfig Config(
        JiraOptions? jira = null, LinearOptions? linear = null, AzureDevOpsOptions? azureDevOps = null, GitHubProjectsOptions? gitHubProjects = null) => new()
    {
        Integrations = new IntegrationsOptions { Jira = jira, Linear = linear, AzureDevOps = azureDevOps, GitHubProjects = gitHubProjects },
    };
}
