using SpecCake.Configuration;

namespace SpecCake.Tests.Configuration;

/// <summary>Shared inputs for the configuration tests.</summary>
internal static class TestConfig
{
    /// <summary>Every secret of docs/design/integrations.md#secrets-reference, plus the variables the documented webhook block uses.</summary>
    public static Dictionary<string, string> AllSecrets() => new()
    {
        ["SLACK_WEBHOOK_URL"] = "https://hooks.slack.com/services/T000/B000/slack-secret-value",
        ["TEAMS_WEBHOOK_URL"] = "https://example.webhook.office.com/webhookb2/teams-secret-value",
        ["DISCORD_WEBHOOK_URL"] = "https://discord.com/api/webhooks/1/discord-secret-value",
        ["JIRA_BASE_URL"] = "https://your-domain.atlassian.net",
        ["JIRA_EMAIL"] = "bot@example.com",
        ["JIRA_API_TOKEN"] = "jira-secret-token",
        ["LINEAR_API_KEY"] = "lin_api_secret",
        ["AZURE_DEVOPS_ORG"] = "env-org",
        ["AZURE_DEVOPS_PROJECT"] = "env-project",
        ["AZURE_DEVOPS_PAT"] = "azure-secret-pat",
        [SecretNames.GitHubToken] = "ghp_secret_token",
        ["PAGERDUTY_ROUTING_KEY"] = "pagerduty-secret-key",
        ["OPSGENIE_API_KEY"] = "opsgenie-secret-key",
        ["DATADOG_API_KEY"] = "datadog-secret-api",
        ["DATADOG_APP_KEY"] = "datadog-secret-app",
        ["NEW_RELIC_API_KEY"] = "newrelic-secret-key",
        ["SENTRY_DSN"] = "https://publickey@o1.ingest.sentry.io/42",
        ["SMTP_HOST"] = "smtp.env.example.com",
        ["SMTP_USER"] = "smtp-secret-user",
        ["SMTP_PASSWORD"] = "smtp-secret-password",
        ["WEBHOOK_TOKEN"] = "webhook-secret-token",
        ["WEBHOOK_SECRET_ANALYTICS"] = "hmac-secret-analytics",
    };

    public static IReadOnlyDictionary<string, string?> Environment(Dictionary<string, string>? variables = null) =>
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
