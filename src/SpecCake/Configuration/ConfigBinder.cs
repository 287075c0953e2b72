using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Events;
using SpecCake.Integrations.AzureDevOps;
using SpecCake.Integrations.Datadog;
using SpecCake.Integrations.Discord;
using SpecCake.Integrations.Email;
using SpecCake.Integrations.GitHubProjects;
using SpecCake.Integrations.Jira;
using SpecCake.Integrations.Linear;
using SpecCake.Integrations.NewRelic;
using SpecCake.Integrations.Opsgenie;
using SpecCake.Integrations.PagerDuty;
using SpecCake.Integrations.Sentry;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Teams;
using SpecCake.Integrations.Webhooks;

namespace SpecCake.Configuration;

/// <summary>
/// Binds a validated, interpolated config tree to the immutable option records. Written out by
/// hand rather than through System.Text.Json: its serializer's first use (even source-generated)
/// cost 50-80 ms of start-up that every CI step would pay, more than reading and validating the file.
/// The schema has already checked every type, so absent keys keep the records' defaults.
/// </summary>
internal static class ConfigBinder
{
    public static SpecCakeConfig Bind(ConfigDocument document, SecretStore secrets, string sourceFile)
    {
        var root = document.Root;
        var integrations = root["integrations"] as JsonObject;
        var environment = new EnvironmentDefaults(secrets);
        return new SpecCakeConfig
        {
            SourceFile = sourceFile,
            Specs = Specs(root["specs"] as JsonObject),
            Notifications = Notifications(root["notifications"] as JsonObject),
            Integrations = new IntegrationsOptions
            {
                Slack = Block(integrations, "slack", Slack),
                Teams = Block(integrations, "teams", Teams),
                Discord = Block(integrations, "discord", Discord),
                Email = Block(integrations, "email", o => Email(o, environment)),
                Jira = Block(integrations, "jira", o => Jira(o, environment)),
                Linear = Block(integrations, "linear", Linear),
                AzureDevOps = Block(integrations, "azure_devops", o => AzureDevOps(o, environment)),
                GitHubProjects = Block(integrations, "github_projects", GitHubProjects),
                PagerDuty = Block(integrations, "pagerduty", PagerDuty),
                Opsgenie = Block(integrations, "opsgenie", Opsgenie),
                Datadog = Block(integrations, "datadog", Datadog),
                NewRelic = Block(integrations, "new_relic", NewRelic),
                Sentry = Block(integrations, "sentry", Sentry),
                Webhooks = Block(integrations, "webhooks", Webhooks),
            },
        };
    }

    private static SpecsOptions Specs(JsonObject? o)
    {
        var d = new SpecsOptions();
        return o is null ? d : d with { Paths = Strings(o["paths"]) ?? d.Paths };
    }

    private static NotificationsOptions Notifications(JsonObject? o)
    {
        var d = new NotificationsOptions();
        if (o is null)
        {
            return d;
        }

        return d with
        {
            FailOnError = Bool(o["fail_on_error"]) ?? d.FailOnError,
            StateFile = Text(o["state_file"]) ?? d.StateFile,
            AtLeastOnce = Bool(o["at_least_once"]) ?? d.AtLeastOnce,
            RateLimit = o["rate_limit"] is JsonObject limit
                ? new RateLimitOptions { MaxPerHour = Int(limit["max_per_hour"]), MaxPerDay = Int(limit["max_per_day"]) }
                : null,
        };
    }

    private static T? Block<T>(JsonObject? integrations, string name, Func<JsonObject, T> bind)
        where T : Integrations.IntegrationOptions
    {
        if (integrations?[name] is not JsonObject o)
        {
            return null;
        }

        var options = bind(o);
        return options with { Enabled = Bool(o["enabled"]) ?? false, ApiUrl = Text(o["api_url"]) };
    }

    private static SlackOptions Slack(JsonObject o) => new()
    {
        Channel = Text(o["channel"]),
        NotifyOn = Events(o["notify_on"]),
        MentionOnFailure = Strings(o["mention_on_failure"]) ?? [],
    };

    private static TeamsOptions Teams(JsonObject o) => new()
    {
        NotifyOn = Events(o["notify_on"]),
        UseAdaptiveCards = Bool(o["use_adaptive_cards"]) ?? false,
    };

    private static DiscordOptions Discord(JsonObject o) => new()
    {
        NotifyOn = Events(o["notify_on"]),
        Username = Text(o["username"]),
        AvatarUrl = Text(o["avatar_url"]),
    };

    private static EmailOptions Email(JsonObject o, EnvironmentDefaults environment)
    {
        var smtp = new SmtpOptions();
        if (o["smtp"] is JsonObject s)
        {
            smtp = smtp with { Host = Text(s["host"]), Port = Int(s["port"]) ?? smtp.Port, Secure = Bool(s["secure"]) ?? smtp.Secure };
        }

        // SMTP_HOST wins over smtp.host (contract §2).
        smtp = smtp with { Host = environment.Get(SecretNames.SmtpHost) ?? smtp.Host };
        var recipients = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (o["recipients"] is JsonObject r)
        {
            foreach (var (eventName, addresses) in r)
            {
                recipients[eventName] = Strings(addresses) ?? [];
            }
        }

        return new EmailOptions { Smtp = smtp, From = Text(o["from"]), Recipients = recipients };
    }

    private static JiraOptions Jira(JsonObject o, EnvironmentDefaults environment)
    {
        var d = new JiraOptions();
        return d with
        {
            BaseUrl = Text(o["base_url"]) ?? environment.Get(SecretNames.JiraBaseUrl),
            ProjectKey = Text(o["project_key"]),
            IssueType = Text(o["issue_type"]) ?? d.IssueType,
            TransitionOnApprove = TextOrNumber(o["transition_on_approve"]),
            TransitionOnImplement = TextOrNumber(o["transition_on_implement"]),
            FieldMappings = Map(o["field_mappings"]),
            CreateSubtasks = Bool(o["create_subtasks"]) ?? d.CreateSubtasks,
            StatusMappings = Map(o["status_mappings"]),
        };
    }

    private static LinearOptions Linear(JsonObject o) => new()
    {
        TeamId = Text(o["team_id"]),
        Labels = Strings(o["labels"]) ?? [],
        StateMappings = Map(o["state_mappings"]),
    };

    private static AzureDevOpsOptions AzureDevOps(JsonObject o, EnvironmentDefaults environment)
    {
        var d = new AzureDevOpsOptions();
        return d with
        {
            Organization = Text(o["organization"]) ?? environment.Get(SecretNames.AzureDevOpsOrg),
            Project = Text(o["project"]) ?? environment.Get(SecretNames.AzureDevOpsProject),
            WorkItemType = Text(o["work_item_type"]) ?? d.WorkItemType,
            AreaPath = Text(o["area_path"]),
            IterationPath = Text(o["iteration_path"]),
            StateMappings = Map(o["state_mappings"]),
        };
    }

    private static GitHubProjectsOptions GitHubProjects(JsonObject o)
    {
        var d = new GitHubProjectsOptions();
        return d with
        {
            ProjectNumber = Int(o["project_number"]) ?? d.ProjectNumber,
            Owner = Text(o["owner"]),
            StatusField = Text(o["status_field"]) ?? d.StatusField,
            StatusMappings = Map(o["status_mappings"]),
        };
    }

    private static PagerDutyOptions PagerDuty(JsonObject o)
    {
        var d = new PagerDutyOptions();
        return d with { AlertOn = Events(o["alert_on"]), Severity = Text(o["severity"]) ?? d.Severity, Component = Text(o["component"]) };
    }

    private static OpsgenieOptions Opsgenie(JsonObject o)
    {
        var d = new OpsgenieOptions();
        return d with { AlertOn = Events(o["alert_on"]), Priority = Text(o["priority"]) ?? d.Priority, Tags = Strings(o["tags"]) ?? [] };
    }

    private static DatadogOptions Datadog(JsonObject o)
    {
        var d = new DatadogOptions();
        return d with
        {
            Site = Text(o["site"]) ?? d.Site,
            SendMetrics = Bool(o["send_metrics"]) ?? d.SendMetrics,
            MetricPrefix = Text(o["metric_prefix"]) ?? d.MetricPrefix,
            SendEvents = Bool(o["send_events"]) ?? d.SendEvents,
            EventTags = Strings(o["event_tags"]) ?? [],
        };
    }

    private static NewRelicOptions NewRelic(JsonObject o)
    {
        var d = new NewRelicOptions();
        return d with { AccountId = TextOrNumber(o["account_id"]), EventType = Text(o["event_type"]) ?? d.EventType };
    }

    private static SentryOptions Sentry(JsonObject o) => new()
    {
        Environment = Text(o["environment"]),
        ReportOn = Events(o["report_on"]),
    };

    private static WebhooksOptions Webhooks(JsonObject o) => new()
    {
        Endpoints = o["endpoints"] is JsonArray endpoints
            ? endpoints.OfType<JsonObject>().Select(e => new WebhookEndpointOptions
            {
                Name = Text(e["name"])!,
                Url = Text(e["url"])!,
                Events = Events(e["events"]),
                Headers = Map(e["headers"]),
                RetryCount = Int(e["retry_count"]) ?? 3,
                Secret = Text(e["secret"]),
            }).ToArray()
            : [],
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Fields users write as 21 as often as "21" (the schema accepts both); the options hold text.</summary>
    private static string? TextOrNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : Text(node);

    private static bool? Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    private static int? Int(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && long.TryParse(value.ToJsonString(), out var whole) && whole is >= int.MinValue and <= int.MaxValue
            ? (int)whole
            : null;

    private static string[]? Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>().ToArray() : null;

    private static Dictionary<string, string> Map(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (Text(value) is { } text)
                {
                    map[key] = text;
                }
            }
        }

        return map;
    }

    // A loop rather than LINQ: generic code over an enum cannot be precompiled (ReadyToRun), and
    // JIT-compiling LINQ's iterators for it cost start-up time on every run.
    private static SpecEventKind[] Events(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return [];
        }

        var kinds = new SpecEventKind[array.Count];
        var count = 0;
        foreach (var item in array)
        {
            if (SpecEventKinds.TryParse(Text(item), out var kind))
            {
                kinds[count++] = kind.Value;
            }
        }

        if (count == kinds.Length)
        {
            return kinds;
        }

        var known = new SpecEventKind[count];
        Array.Copy(kinds, known, count);
        return known;
    }

    /// <summary>
    /// The secrets that stand in for settings (contract §2) are folded into the options, so no
    /// sender has to know that <c>SMTP_HOST</c> wins over <c>smtp.host</c>.
    /// </summary>
    private sealed class EnvironmentDefaults(SecretStore secrets)
    {
        public string? Get(string name) => secrets.Get(name);
    }
}
