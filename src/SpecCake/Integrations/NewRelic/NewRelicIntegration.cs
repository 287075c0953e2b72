using SpecCake.Checks;
using SpecCake.Delivery;

namespace SpecCake.Integrations.NewRelic;

/// <summary>New Relic Event API (<c>NEW_RELIC_API_KEY</c>): every event as a custom event of <c>account_id</c>.</summary>
internal sealed class NewRelicIntegration : IntegrationDescriptor<NewRelicOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "new_relic";

    /// <summary>The ingest license key.</summary>
    public static readonly SecretVariable ApiKey = new("NEW_RELIC_API_KEY", "ingest license key");

    public static NewRelicIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        account_id: "1234567"            # your account ID
        event_type: "SpecIngestion"
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["account_id", "event_type"];

    public override IReadOnlyList<SecretVariable> Variables => [ApiKey];

    public override INotifier Notifier { get; } = new NewRelicNotifier();

    protected override NewRelicOptions BindOptions(ConfigBlock block)
    {
        var d = new NewRelicOptions();
        return d with { AccountId = block.TextOrNumber("account_id"), EventType = block.Text("event_type") ?? d.EventType };
    }

    public override void CheckSettings(IntegrationBlock block) => block.RequireSetting("account_id", "the numeric New Relic account ID");

    protected override void CheckSecrets(NewRelicOptions options, SecretCheck check) => check.Require(ApiKey);

    protected override IReadOnlyList<IIntegrationCheck> Checks(NewRelicOptions options) => NewRelicChecks.For(options);
}
