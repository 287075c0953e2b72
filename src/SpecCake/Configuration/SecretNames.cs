namespace SpecCake.Configuration;

/// <summary>
/// The environment variables that hold secrets (the guide's Secrets Reference, plus
/// <c>GITHUB_TOKEN</c>). Their values are masked in every output.
/// </summary>
public static class SecretNames
{
    /// <summary>Anthropic API key: Claude Code's, for ImplementSpec with <c>agent: claude-code</c> (the guide's "Core").</summary>
    public const string AnthropicApiKey = "ANTHROPIC_API_KEY";
    /// <summary>Slack incoming webhook URL.</summary>
    public const string SlackWebhookUrl = "SLACK_WEBHOOK_URL";
    /// <summary>Teams incoming webhook URL.</summary>
    public const string TeamsWebhookUrl = "TEAMS_WEBHOOK_URL";
    /// <summary>Discord webhook URL.</summary>
    public const string DiscordWebhookUrl = "DISCORD_WEBHOOK_URL";
    /// <summary>Jira base URL (Atlassian domain).</summary>
    public const string JiraBaseUrl = "JIRA_BASE_URL";
    /// <summary>Jira user email (Cloud basic auth).</summary>
    public const string JiraEmail = "JIRA_EMAIL";
    /// <summary>Jira API token (Cloud) or personal access token (Server/Data Center).</summary>
    public const string JiraApiToken = "JIRA_API_TOKEN";
    /// <summary>Linear API key.</summary>
    public const string LinearApiKey = "LINEAR_API_KEY";
    /// <summary>Azure DevOps organization name.</summary>
    public const string AzureDevOpsOrg = "AZURE_DEVOPS_ORG";
    /// <summary>Azure DevOps project name.</summary>
    public const string AzureDevOpsProject = "AZURE_DEVOPS_PROJECT";
    /// <summary>Azure DevOps personal access token.</summary>
    public const string AzureDevOpsPat = "AZURE_DEVOPS_PAT";
    /// <summary>GitHub token (GitHub Projects).</summary>
    public const string GitHubToken = "GITHUB_TOKEN";
    /// <summary>PagerDuty Events API v2 routing key.</summary>
    public const string PagerDutyRoutingKey = "PAGERDUTY_ROUTING_KEY";
    /// <summary>Opsgenie API key.</summary>
    public const string OpsgenieApiKey = "OPSGENIE_API_KEY";
    /// <summary>Datadog API key.</summary>
    public const string DatadogApiKey = "DATADOG_API_KEY";
    /// <summary>Datadog application key.</summary>
    public const string DatadogAppKey = "DATADOG_APP_KEY";
    /// <summary>New Relic ingest license key.</summary>
    public const string NewRelicApiKey = "NEW_RELIC_API_KEY";
    /// <summary>Sentry DSN.</summary>
    public const string SentryDsn = "SENTRY_DSN";
    /// <summary>SMTP server host.</summary>
    public const string SmtpHost = "SMTP_HOST";
    /// <summary>SMTP user name.</summary>
    public const string SmtpUser = "SMTP_USER";
    /// <summary>SMTP password.</summary>
    public const string SmtpPassword = "SMTP_PASSWORD";

    /// <summary>
    /// The variables whose values are credentials and are masked as <c>***</c> in every output.
    /// Identifiers the guide also keeps as secrets (base URL, organisation, project, host, email)
    /// are not masked: masking a short common word such as a project name would garble every line.
    /// </summary>
    public static IReadOnlyList<string> Credentials { get; } =
    [
        AnthropicApiKey, SlackWebhookUrl, TeamsWebhookUrl, DiscordWebhookUrl, JiraApiToken, LinearApiKey,
        AzureDevOpsPat, GitHubToken, PagerDutyRoutingKey, OpsgenieApiKey, DatadogApiKey,
        DatadogAppKey, NewRelicApiKey, SentryDsn, SmtpUser, SmtpPassword,
    ];
}
