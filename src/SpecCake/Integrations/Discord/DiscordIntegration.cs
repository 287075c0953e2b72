using SpecCake.Checks;
using SpecCake.Delivery;

namespace SpecCake.Integrations.Discord;

/// <summary>Discord: a channel webhook (<c>DISCORD_WEBHOOK_URL</c>) told of the <c>notify_on</c> events.</summary>
internal sealed class DiscordIntegration : IntegrationDescriptor<DiscordOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "discord";

    /// <summary>The channel webhook URL.</summary>
    public static readonly SecretVariable WebhookUrl = new("DISCORD_WEBHOOK_URL", "channel webhook URL");

    public static DiscordIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        notify_on:
          - "implementation_completed"
          - "implementation_failed"
        username: "Spec Bot"
        avatar_url: "https://example.com/bot-avatar.png"
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["notify_on", "username", "avatar_url"];

    public override IReadOnlyList<SecretVariable> Variables => [WebhookUrl];

    public override INotifier Notifier { get; } = new DiscordNotifier();

    protected override DiscordOptions BindOptions(ConfigBlock block) => new()
    {
        NotifyOn = block.Events("notify_on"),
        Username = block.Text("username"),
        AvatarUrl = block.Text("avatar_url"),
    };

    public override void CheckFormats(IntegrationBlock block) => block.CheckUrl("avatar_url");

    protected override void CheckSecrets(DiscordOptions options, SecretCheck check) => check.RequireUrl(WebhookUrl);

    protected override IReadOnlyList<IntegrationTarget> Targets(DiscordOptions options) => [IntegrationTarget.Subscribed(Key, options.NotifyOn)];

    protected override IReadOnlyList<IIntegrationCheck> Checks(DiscordOptions options) => DiscordChecks.For();
}
