using System.Collections.Immutable;
using SpecCake.Integrations;
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
/// <c>specs.config.yaml</c> (docs/design/contract.md#configuration), validated and with <c>${VAR}</c> interpolated.
/// Property names bind from the snake_case keys.
/// </summary>
public sealed record SpecCakeConfig
{
    /// <summary>The full path of the file this was read from, when read from a file.</summary>
    public string? SourceFile { get; init; }

    /// <summary><c>specs</c>.</summary>
    public SpecsOptions Specs { get; init; } = new();

    /// <summary><c>notifications</c>.</summary>
    public NotificationsOptions Notifications { get; init; } = new();

    /// <summary><c>integrations</c>.</summary>
    public IntegrationsOptions Integrations { get; init; } = new();

    /// <summary><c>implementation</c>: ImplementSpec's agent, checks, branch and pull request (docs/design/contract.md#implementspec).</summary>
    public Implementation.ImplementationOptions Implementation { get; init; } = new();
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

/// <summary>
/// <c>integrations</c>: one optional block per service, each bound by its integration's descriptor;
/// an absent block is disabled. <see cref="Get{TOptions}"/> reads any integration's options; the
/// properties name the ones SpecCake ships with, for scripts and tests.
/// </summary>
public sealed record IntegrationsOptions
{
    private ImmutableDictionary<Type, IntegrationOptions> _blocks = ImmutableDictionary<Type, IntegrationOptions>.Empty;

    /// <summary>Slack.</summary>
    public SlackOptions? Slack { get => Get<SlackOptions>(); init => Set(value); }

    /// <summary>Microsoft Teams.</summary>
    public TeamsOptions? Teams { get => Get<TeamsOptions>(); init => Set(value); }

    /// <summary>Discord.</summary>
    public DiscordOptions? Discord { get => Get<DiscordOptions>(); init => Set(value); }

    /// <summary>Email.</summary>
    public EmailOptions? Email { get => Get<EmailOptions>(); init => Set(value); }

    /// <summary>Jira.</summary>
    public JiraOptions? Jira { get => Get<JiraOptions>(); init => Set(value); }

    /// <summary>Linear.</summary>
    public LinearOptions? Linear { get => Get<LinearOptions>(); init => Set(value); }

    /// <summary>Azure DevOps Boards.</summary>
    public AzureDevOpsOptions? AzureDevOps { get => Get<AzureDevOpsOptions>(); init => Set(value); }

    /// <summary>GitHub Projects.</summary>
    public GitHubProjectsOptions? GitHubProjects { get => Get<GitHubProjectsOptions>(); init => Set(value); }

    /// <summary>PagerDuty.</summary>
    public PagerDutyOptions? PagerDuty { get => Get<PagerDutyOptions>(); init => Set(value); }

    /// <summary>Opsgenie.</summary>
    public OpsgenieOptions? Opsgenie { get => Get<OpsgenieOptions>(); init => Set(value); }

    /// <summary>Datadog.</summary>
    public DatadogOptions? Datadog { get => Get<DatadogOptions>(); init => Set(value); }

    /// <summary>New Relic.</summary>
    public NewRelicOptions? NewRelic { get => Get<NewRelicOptions>(); init => Set(value); }

    /// <summary>Sentry.</summary>
    public SentryOptions? Sentry { get => Get<SentryOptions>(); init => Set(value); }

    /// <summary>Custom webhooks.</summary>
    public WebhooksOptions? Webhooks { get => Get<WebhooksOptions>(); init => Set(value); }

    /// <summary>Every block present, enabled or not.</summary>
    public IEnumerable<IntegrationOptions> All => _blocks.Values;

    /// <summary>The options of one integration, when its block is present.</summary>
    /// <typeparam name="TOptions">The integration's options record.</typeparam>
    public TOptions? Get<TOptions>()
        where TOptions : IntegrationOptions => _blocks.TryGetValue(typeof(TOptions), out var options) ? (TOptions)options : null;

    /// <summary>The options of one integration by their type, when its block is present.</summary>
    /// <param name="optionsType">The integration's options record.</param>
    public IntegrationOptions? Get(Type optionsType) => _blocks.GetValueOrDefault(optionsType);

    /// <summary>These options with one integration's block set (or removed, when null).</summary>
    /// <typeparam name="TOptions">The integration's options record.</typeparam>
    /// <param name="options">The block.</param>
    public IntegrationsOptions With<TOptions>(TOptions? options)
        where TOptions : IntegrationOptions => new() { _blocks = options is null ? _blocks.Remove(typeof(TOptions)) : _blocks.SetItem(typeof(TOptions), options) };

    /// <summary>Options holding the given blocks (one per options type).</summary>
    /// <param name="options">The blocks.</param>
    internal static IntegrationsOptions Of(IEnumerable<IntegrationOptions> options) =>
        new() { _blocks = options.ToImmutableDictionary(block => block.GetType()) };

    /// <inheritdoc />
    public bool Equals(IntegrationsOptions? other) =>
        other is not null && _blocks.Count == other._blocks.Count
        && _blocks.All(pair => other._blocks.TryGetValue(pair.Key, out var theirs) && Equals(pair.Value, theirs));

    /// <inheritdoc />
    public override int GetHashCode() => _blocks.Count;

    // Each init makes a new dictionary: a copy made with "with" must never change the original.
    private void Set<TOptions>(TOptions? options)
        where TOptions : IntegrationOptions => _blocks = options is null ? _blocks.Remove(typeof(TOptions)) : _blocks.SetItem(typeof(TOptions), options);
}
