using SpecCake.Checks;
using SpecCake.Delivery;

namespace SpecCake.Integrations.Slack;

/// <summary>Slack: an incoming webhook (<c>SLACK_WEBHOOK_URL</c>) told of the <c>notify_on</c> events.</summary>
internal sealed class SlackIntegration : IntegrationDescriptor<SlackOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "slack";

    /// <summary>The incoming webhook URL.</summary>
    public static readonly SecretVariable WebhookUrl = new("SLACK_WEBHOOK_URL", "incoming webhook URL");

    public static SlackIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        channel: "#engineering"
        notify_on:
          - "spec_approved"
          - "implementation_completed"
          - "implementation_failed"
        mention_on_failure: ["@channel"]
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["channel", "notify_on", "mention_on_failure"];

    public override IReadOnlyList<SecretVariable> Variables => [WebhookUrl];

    public override INotifier Notifier { get; } = new SlackNotifier();

    protected override SlackOptions BindOptions(ConfigBlock block) => new()
    {
        Channel = block.Text("channel"),
        NotifyOn = block.Events("notify_on"),
        MentionOnFailure = block.Strings("mention_on_failure") ?? [],
    };

    protected override void CheckSecrets(SlackOptions options, SecretCheck check) => check.RequireUrl(WebhookUrl);

    protected override IReadOnlyList<IntegrationTarget> Targets(SlackOptions options) => [IntegrationTarget.Subscribed(Key, options.NotifyOn)];

    protected override IReadOnlyList<IIntegrationCheck> Checks(SlackOptions options) => SlackChecks.For();
}
