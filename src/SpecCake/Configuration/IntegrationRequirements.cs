using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// What each integration needs beyond the schema: its secrets (the guide's Secrets Reference)
/// and required settings when enabled, and well-formed URLs and addresses always. A secret that
/// is set must be usable in an HTTP header (no line breaks or other control characters).
/// </summary>
internal static class IntegrationRequirements
{
    /// <summary>Checks every integration block of <paramref name="document"/>.</summary>
    /// <param name="document">The configuration, interpolated.</param>
    /// <param name="secrets">The secrets of this run.</param>
    /// <param name="missing">
    /// Where an enabled integration's missing secret goes when the caller sends nothing (ValidateSpecs:
    /// a pull request from a fork gets no secrets); null: a missing secret is an error (a send needs it).
    /// </param>
    public static void Check(ConfigDocument document, SecretStore secrets, ICollection<MissingSecret>? missing = null)
    {
        foreach (var (name, _) in document.Integrations())
        {
            var block = $"/integrations/{name}";
            CheckUrl(document, $"{block}/api_url");
            if (!document.IsEnabled(name))
            {
                continue;
            }

            var enabled = new EnabledIntegration(document, secrets, name, missing);
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
                        enabled.Missing(SecretNames.SmtpHost, $"integrations.email is enabled but has no SMTP server: set smtp.host or the {SecretNames.SmtpHost} secret");
                    }
                    else
                    {
                        enabled.CheckUsable(SecretNames.SmtpHost);
                    }

                    enabled.RequireSetting("from", "the sender address, e.g. from: \"specs@example.com\"");
                    break;
                case "jira":
                    enabled.RequireSecret(SecretNames.JiraApiToken);
                    if (document.String($"{block}/base_url") is null)
                    {
                        if (secrets.Get(SecretNames.JiraBaseUrl) is not { } baseUrl)
                        {
                            enabled.Missing(SecretNames.JiraBaseUrl, $"integrations.jira is enabled but has no site: set base_url or the {SecretNames.JiraBaseUrl} secret");
                        }
                        else if (enabled.CheckUsable(SecretNames.JiraBaseUrl) && !ValueRules.IsAcceptableUrl(baseUrl))
                        {
                            enabled.Error($"{SecretNames.JiraBaseUrl} {ValueRules.UrlRule}");
                        }
                    }

                    enabled.CheckUsable(SecretNames.JiraEmail);
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
            CheckHeaders(document, $"{endpoint}/headers");
            if (document.String($"{endpoint}/name") is { } name)
            {
                if (names.TryGetValue(name, out var first))
                {
                    document.ErrorAt($"{endpoint}/name", $"webhook endpoint name {LogText.Quoted(name)} is already used by endpoints[{first}]; names must be unique");
                }
                else
                {
                    names[name] = index;
                }
            }
        }
    }

    /// <summary>
    /// A header is one line: a line break in a value (written, or from a <c>${VAR}</c>) would start a
    /// header of its own. Values are credentials, so the message never shows one.
    /// </summary>
    private static void CheckHeaders(ConfigDocument document, string pointer)
    {
        if (document.Node(pointer) is not JsonObject headers)
        {
            return;
        }

        foreach (var (name, value) in headers)
        {
            var at = JsonPointerText.Append(pointer, name);
            if (name.Length == 0 || !name.All(IsTokenCharacter))
            {
                document.Errors.Add(KeyError(document, at, $"{JsonPointerText.ToDotted(pointer)} has the header name {LogText.Quoted(name)}, which HTTP does not allow; use letters, digits and - (e.g. X-Team)"));
            }

            if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().Any(c => char.IsControl(c) && c != '\t'))
            {
                var what = text.GetValue<string>().Any(c => c is '\r' or '\n') ? "a line break" : "a control character";
                document.ErrorAt(at, $"{JsonPointerText.ToDotted(at)} holds {what} (the value is not shown); a header value is one line: remove it (a ${{VAR}} in it may end with a newline)");
            }
        }
    }

    private static ValidationError KeyError(ConfigDocument document, string pointer, string message)
    {
        var at = document.Map.KeyAt(pointer);
        return new ValidationError(document.File, at.Line, at.Column, message);
    }

    // RFC 9110 5.6.2: a field name is a token.
    private static bool IsTokenCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

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
            document.ErrorAt(pointer, $"{JsonPointerText.ToDotted(pointer)} has the malformed email address {LogText.Quoted(address, int.MaxValue)}; write it as name@example.com");
        }
    }

    /// <summary>One enabled block: errors are placed at its <c>enabled: true</c>.</summary>
    private sealed class EnabledIntegration(ConfigDocument document, SecretStore secrets, string name, ICollection<MissingSecret>? missing)
    {
        private string Block => $"/integrations/{name}";

        public void Error(string message) => document.ErrorAt($"{Block}/enabled", message);

        /// <summary>A secret this integration needs is not set: an error for a send, a note for validation.</summary>
        public void Missing(string variable, string message)
        {
            if (missing is null)
            {
                Error(message);
            }
            else
            {
                missing.Add(new MissingSecret(name, variable));
            }
        }

        public string? RequireSecret(string variable)
        {
            var value = secrets.Get(variable);
            if (value is null)
            {
                Missing(variable, $"integrations.{name} is enabled but the secret {variable} is not set; add it to the repository's secrets and pass it to the job's env, or set enabled: false");
            }
            else if (!CheckUsable(variable))
            {
                return null;
            }

            return value;
        }

        /// <summary>
        /// A set secret goes into HTTP headers (or SMTP commands): a line break in it would start a
        /// header of its own. Named, never shown. False when it is not usable. White space around
        /// it (a pasted secret's final newline) is trimmed where it is used, so only what is inside counts.
        /// </summary>
        public bool CheckUsable(string variable)
        {
            if (secrets.Get(variable)?.Trim() is not { } value || !value.Any(char.IsControl))
            {
                return true;
            }

            var what = value.Any(c => c is '\r' or '\n') ? "a line break" : "a control character";
            Error($"the secret {variable} of integrations.{name} holds {what} (its value is not shown); a secret is one line: set it again");
            return false;
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
            if (!string.IsNullOrWhiteSpace(document.String($"{Block}/{key}")))
            {
                return;
            }

            if (!secrets.Has(variable))
            {
                Missing(variable, $"integrations.{name} is enabled but has no {key}: set {key} or the {variable} secret");
            }
            else
            {
                CheckUsable(variable);
            }
        }
    }
}
