using System.Text.Json.Serialization;
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
/// <c>specs.config.yaml</c> (contract §2), validated and with <c>${VAR}</c> interpolated.
/// Property names bind from the snake_case keys.
/// </summary>
public sealed record SpecCakeConfig
{
    /// <summary>The full path of the file this was read from, when read from a file.</summary>
    [JsonIgnore]
    public string? SourceFile { get; init; }

    /// <summary><c>specs</c>.</summary>
    public SpecsOptions Specs { get; init; } = new();

    /// <summary><c>notifications</c>.</summary>
    public NotificationsOptions Notifications { get; init; } = new();

    /// <summary><c>integrations</c>.</summary>
    public IntegrationsOptions Integrations { get; init; } = new();
}

/// <summary><c>specs</c>: where the spec files are.</summary>
public sealed record SpecsOptions
{
    /// <summary><c>paths</c>: globs relative to the config file.</summary>
    public IReadOnlyList<string> Paths { get; init; } = ["specs/**/*.yaml"];
}

/// <summary><c>notifications</c>: delivery policy shared by every integration.</summary>
public sealed record NotificationsOptions
{
    /// <summary><c>fail_on_error</c>: whether a delivery still failing after its retries fails the task.</summary>
    public bool FailOnError { get; init; } = true;

    /// <summary>
    /// <c>state_file</c>: rate-limit windows, relative to the config file. What each CI run already
    /// delivered is kept beside it (<c>&lt;name&gt;.deliveries.json</c>), so a re-run sends only what is missing.
    /// </summary>
    public string StateFile { get; init; } = ".speccake/state.json";

    /// <summary>
    /// <c>at_least_once</c>: retry deliveries whose service cannot drop a repeat (Slack, Teams,
    /// Discord, email, New Relic, Datadog events) even after an attempt that may have arrived, so a
    /// slow service may show a message twice but none is lost. Off by default (at-most-once).
    /// </summary>
    public bool AtLeastOnce { get; init; }

    /// <summary><c>rate_limit</c>: per integration; none when absent.</summary>
    public RateLimitOptions? RateLimit { get; init; }
}

/// <summary><c>notifications.rate_limit</c>.</summary>
public sealed record RateLimitOptions
{
    /// <summary><c>max_per_hour</c>: sends per integration in any sliding hour.</summary>
    public int? MaxPerHour { get; init; }

    /// <summary><c>max_per_day</c>: sends per integration in any sliding 24 hours.</summary>
    public int? MaxPerDay { get; init; }
}

/// <summary><c>integrations</c>: one optional block per service; an absent block is disabled.</summary>
public sealed record IntegrationsOptions
{
    /// <summary><c>slack</c>.</summary>
    public SlackOptions? Slack { get; init; }

    /// <summary><c>teams</c>.</summary>
    public TeamsOptions? Teams { get; init; }

    /// <summary><c>discord</c>.</summary>
    public DiscordOptions? Discord { get; init; }

    /// <summary><c>email</c>.</summary>
    public EmailOptions? Email { get; init; }

    /// <summary><c>jira</c>.</summary>
    public JiraOptions? Jira { get; init; }

    /// <summary><c>linear</c>.</summary>
    public LinearOptions? Linear { get; init; }

    /// <summary><c>azure_devops</c>.</summary>
    [JsonPropertyName("azure_devops")]
    public AzureDevOpsOptions? AzureDevOps { get; init; }

    /// <summary><c>github_projects</c>.</summary>
    [JsonPropertyName("github_projects")]
    public GitHubProjectsOptions? GitHubProjects { get; init; }

    /// <summary><c>pagerduty</c>.</summary>
    [JsonPropertyName("pagerduty")]
    public PagerDutyOptions? PagerDuty { get; init; }

    /// <summary><c>opsgenie</c>.</summary>
    public OpsgenieOptions? Opsgenie { get; init; }

    /// <summary><c>datadog</c>.</summary>
    public DatadogOptions? Datadog { get; init; }

    /// <summary><c>new_relic</c>.</summary>
    [JsonPropertyName("new_relic")]
    public NewRelicOptions? NewRelic { get; init; }

    /// <summary><c>sentry</c>.</summary>
    public SentryOptions? Sentry { get; init; }

    /// <summary><c>webhooks</c>.</summary>
    public WebhooksOptions? Webhooks { get; init; }
}
