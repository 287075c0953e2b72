using SpecCake.Configuration;

namespace SpecCake.Tests.Configuration;

/// <summary>Shared inputs for the configuration tests.</summary>
internal static class TestConfig
{
    /// <summary>Every secret of the guide's Secrets Reference, plus the variables the guide's webhook snippet uses.</summary>
    public static Dictionary<string, string> AllSecrets() => new()
    {
        [SecretNames.SlackWebhookUrl] = "https://hooks.slack.com/services/T000/B000/slack-secret-value",
        [SecretNames.TeamsWebhookUrl] = "https://example.webhook.office.com/webhookb2/teams-secret-value",
        [SecretNames.DiscordWebhookUrl] = "https://discord.com/api/webhooks/1/discord-secret-value",
        [SecretNames.JiraBaseUrl] = "https://your-domain.atlassian.net",
        [SecretNames.JiraEmail] = "bot@example.com",
        [SecretNames.JiraApiToken] = "jira-secret-token",
        [SecretNames.LinearApiKey] = "lin_api_secret",
        [SecretNames.AzureDevOpsOrg] = "env-org",
        [SecretNames.AzureDevOpsProject] = "env-project",
        [SecretNames.AzureDevOpsPat] = "azure-secret-pat",
        [SecretNames.GitHubToken] = "ghp_secret_token",
        [SecretNames.PagerDutyRoutingKey] = "pagerduty-secret-key",
        [SecretNames.OpsgenieApiKey] = "opsgenie-secret-key",
        [SecretNames.DatadogApiKey] = "datadog-secret-api",
        [SecretNames.DatadogAppKey] = "datadog-secret-app",
        [SecretNames.NewRelicApiKey] = "newrelic-secret-key",
        [SecretNames.SentryDsn] = "https://publickey@o1.ingest.sentry.io/42",
        [SecretNames.SmtpHost] = "smtp.env.example.com",
        [SecretNames.SmtpUser] = "smtp-secret-user",
        [SecretNames.SmtpPassword] = "smtp-secret-password",
        ["WEBHOOK_TOKEN"] = "webhook-secret-token",
        ["WEBHOOK_SECRET_ANALYTICS"] = "hmac-secret-analytics",
    };

    public static IEnvironmentVariables Environment(Dictionary<string, string>? variables = null) =>
        EnvironmentVariables.FromDictionary(variables ?? []);

    public static ConfigLoadResult Parse(string yaml, Dictionary<string, string>? variables = null) =>
        SpecCakeConfigLoader.Parse(yaml, "specs.config.yaml", Environment(variables));

    /// <summary>The repository root (where SpecCake.sln is), found from the test's output folder.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpecCake.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SpecCake.sln not found above " + AppContext.BaseDirectory);
    }
}
