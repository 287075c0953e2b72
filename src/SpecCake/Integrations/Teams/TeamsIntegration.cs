using SpecCake.Checks;
using SpecCake.Delivery;

namespace SpecCake.Integrations.Teams;

/// <summary>Microsoft Teams: a Workflows or connector webhook (<c>TEAMS_WEBHOOK_URL</c>) told of the <c>notify_on</c> events.</summary>
internal sealed class TeamsIntegration : IntegrationDescriptor<TeamsOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "teams";

    /// <summary>The incoming webhook URL.</summary>
    public static readonly SecretVariable WebhookUrl = new("TEAMS_WEBHOOK_URL", "incoming webhook URL");

    public static TeamsIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        notify_on:
          - "implementation_completed"
          - "implementation_failed"
        use_adaptive_cards: true
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["notify_on", "use_adaptive_cards"];

    public override IReadOnlyList<SecretVariable> Variables => [WebhookUrl];

    public override INotifier Notifier { get; } = new TeamsNotifier();

    protected override TeamsOptions BindOptions(ConfigBlock block) => new()
    {
        NotifyOn = block.Events("notify_on"),
        UseAdaptiveCards = block.Bool("use_adaptive_cards") ?? false,
    };

    protected override void CheckSecrets(TeamsOptions options, SecretCheck check) => check.RequireUrl(WebhookUrl);

    protected override IReadOnlyList<IntegrationTarget> Targets(TeamsOptions options) => [IntegrationTarget.Subscribed(Key, options.NotifyOn)];

    protected override IReadOnlyList<IIntegrationCheck> Checks(TeamsOptions options) => TeamsChecks.For();
}
