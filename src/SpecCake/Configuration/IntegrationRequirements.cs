using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// What each integration needs beyond the schema: its secrets (the guide's Secrets Reference)
/// and required settings when enabled, and well-formed URLs and addresses always.
/// </summary>
internal static class IntegrationRequirements
{
    /// <summary>Checks every integration block of <paramref name="document"/>.</summary>
    public static void Check(ConfigDocument document, SecretStore secrets)
    {
        foreach (var (name, _) in document.Integrations())
        {
            var block = $"/integrations/{name}";
            CheckUrl(document, $"{block}/api_url");
            if (!document.IsEnabled(name))
            {
                continue;
            }

            var enabled = new EnabledIntegration(document, secrets, name);
            switch (name)
            {
                case "slack":
                    enabled.RequireUrlSecret(SecretNames.SlackWebhookUrl);
                    break;
                case "teams":
                    enabled.RequireUrlSecret(SecretNames.TeamsWebhookUrl);
                    break;
                case "discord":
                    enabled.RequireUrlSecret(SecretNames.DiscordWebhookUrl);
                    break;
                case "email":
                    enabled.RequireSecret(SecretNames.SmtpUser);
                    enabled.RequireSecret(SecretNames.SmtpPassword);
                    if (!secrets.Has(SecretNames.SmtpHost) && string.IsNullOrWhiteSpace(document.String($"{block}/smtp/host")))
                    {
                        enabled.Error($"integrations.email is enabled but has no SMTP server: set smtp.host or the {SecretNames.SmtpHost} secret");
                    }

                    enabled.RequireSetting("from", "the sender address, e.g. from: \"specs@example.com\"");
                    break;
                case "jira":
                    enabled.RequireSecret(SecretNames.JiraApiToken);
                    if (document.String($"{block}/base_url") is null)
                    {
                        if (secrets.Get(SecretNames.JiraBaseUrl) is not { } baseUrl)
                        {
                            enabled.Error($"integrations.jira is enabled but has no site: set base_url or the {SecretNames.JiraBaseUrl} secret");
                        }
                        else if (!ValueRules.IsAcceptableUrl(baseUrl))
                        {
                            enabled.Error($"{SecretNames.JiraBaseUrl} {ValueRules.UrlRule}");
                        }
                    }

                    enabled.RequireSetting("project_key", "the Jira project key, e.g. project_key: \"PROJ\"");
                    break;
                case "linear":
                    enabled.RequireSecret(SecretNames.LinearApiKey);
                    enabled.RequireSetting("team_id", "the Linear team ID (Linear Settings → Teams)");
                    break;
                case "azure_devops":
                    enabled.RequireSecret(SecretNames.AzureDevOpsPat);
                    enabled.RequireSettingOrSecret("organization", SecretNames.AzureDevOpsOrg);
                    enabled.RequireSettingOrSecret("project", SecretNames.AzureDevOpsProject);
                    break;
                case "github_projects":
                    enabled.RequireSecret(SecretNames.GitHubToken);
                    enabled.RequireSetting("project_number", "the number in github.com/orgs/ORG/projects/NUMBER");
                    break;
                case "pagerduty":
                    enabled.RequireSecret(SecretNames.PagerDutyRoutingKey);
                    break;
                case "opsgenie":
                    enabled.RequireSecret(SecretNames.OpsgenieApiKey);
                    break;
                case "datadog":
                    enabled.RequireSecret(SecretNames.DatadogApiKey);
                    enabled.RequireSecret(SecretNames.DatadogAppKey);
                    break;
                case "new_relic":
                    enabled.RequireSecret(SecretNames.NewRelicApiKey);
                    enabled.RequireSetting("account_id", "the numeric New Relic account ID");
                    break;
                case "sentry":
                    if (enabled.RequireSecret(SecretNames.SentryDsn) is { } dsn && !ValueRules.IsAcceptableDsn(dsn))
                    {
                        enabled.Error($"{SecretNames.SentryDsn} is not a valid Sentry DSN (https://<key>@<host>/<project>; its value is not shown)");
                    }

                    break;
                case "webhooks":
                    if (document.Node($"{block}/endpoints") is not JsonArray { Count: > 0 })
                    {
                        enabled.Error("integrations.webhooks is enabled but lists no endpoints; add at least one under endpoints:");
                    }

                    break;
            }
        }

        CheckUrl(document, "/integrations/jira/base_url");
        CheckUrl(document, "/integrations/discord/avatar_url");
        CheckEmail(document, "/integrations/email/from");
        if (document.Node("/integrations/email/recipients") is JsonObject recipients)
        {
            foreach (var (eventName, list) in recipients)
            {
                for (var index = 0; list is JsonArray addresses && index < addresses.Count; index++)
                {
                    CheckEmail(document, $"/integrations/email/recipients/{eventName}/{index}");
                }
            }
        }

        CheckWebhookEndpoints(document);
    }

    private static void CheckWebhookEndpoints(ConfigDocument document)
    {
        if (document.Node("/integrations/webhooks/endpoints") is not JsonArray endpoints)
        {
            return;
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < endpoints.Count; index++)
        {
            var endpoint = $"/integrations/webhooks/endpoints/{index}";
            CheckUrl(document, $"{endpoint}/url");
            if (document.String($"{endpoint}/name") is { } name)
            {
                if (names.TryGetValue(name, out var first))
                {
                    document.ErrorAt($"{endpoint}/name", $"webhook endpoint name '{name}' is already used by endpoints[{first}]; names must be unique");
                }
                else
                {
                    names[name] = index;
                }
            }
        }
    }

    private static void CheckUrl(ConfigDocument document, string pointer)
    {
        if (document.String(pointer) is { } url && !VariableInterpolator.ContainsReference(url) && !ValueRules.IsAcceptableUrl(url))
        {
            document.ErrorAt(pointer, $"{JsonPointerText.ToDotted(pointer)} {ValueRules.UrlRule}");
        }
    }

    private static void CheckEmail(ConfigDocument document, string pointer)
    {
        if (document.String(pointer) is { } address && !VariableInterpolator.ContainsReference(address) && !ValueRules.IsEmailAddress(address))
        {
            document.ErrorAt(pointer, $"{JsonPointerText.ToDotted(pointer)} has the malformed email address '{address}'; write it as name@example.com");
        }
    }

    /// <summary>One enabled block: errors are placed at its <c>enabled: true</c>.</summary>
    private sealed class EnabledIntegration(ConfigDocument document, SecretStore secrets, string name)
    {
        private string Block => $"/integrations/{name}";

        public void Error(string message) => document.ErrorAt($"{Block}/enabled", message);

        public string? RequireSecret(string variable)
        {
            var value = secrets.Get(variable);
            if (value is null)
            {
                Error($"integrations.{name} is enabled but the secret {variable} is not set; add it to the repository's secrets and pass it to the job's env, or set enabled: false");
            }

            return value;
        }

        public void RequireUrlSecret(string variable)
        {
            if (RequireSecret(variable) is { } url && !ValueRules.IsAcceptableUrl(url))
            {
                Error($"{variable} {ValueRules.UrlRule} (its value is not shown)");
            }
        }

        public void RequireSetting(string key, string what)
        {
            var node = document.Node($"{Block}/{key}");
            if (node is null || (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>())))
            {
                Error($"integrations.{name} is enabled but '{key}' is not set: add {what}");
            }
        }

        public void RequireSettingOrSecret(string key, string variable)
        {
            if (string.IsNullOrWhiteSpace(document.String($"{Block}/{key}")) && !secrets.Has(variable))
            {
                Error($"integrations.{name} is enabled but has no {key}: set {key} or the {variable} secret");
            }
        }
    }
}
