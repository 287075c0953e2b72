using SpecCake.Checks;
using SpecCake.Delivery;

namespace SpecCake.Integrations.Opsgenie;

/// <summary>Opsgenie Alert API (<c>OPSGENIE_API_KEY</c>): alerts for the <c>alert_on</c> events, closed by a later success.</summary>
internal sealed class OpsgenieIntegration : IntegrationDescriptor<OpsgenieOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "opsgenie";

    /// <summary>The API integration key.</summary>
    public static readonly SecretVariable ApiKey = new("OPSGENIE_API_KEY", "API integration key");

    public static OpsgenieIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        alert_on:
          - "implementation_failed"
        priority: "P3"                   # P1..P5
        tags:
          - "spec-automation"
          - "ci-cd"
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["alert_on", "priority", "tags"];

    public override IReadOnlyList<SecretVariable> Variables => [ApiKey];

    public override INotifier Notifier { get; } = new OpsgenieNotifier();

    protected override OpsgenieOptions BindOptions(ConfigBlock block)
    {
        var d = new OpsgenieOptions();
        return d with { AlertOn = block.Events("alert_on"), Priority = block.Text("priority") ?? d.Priority, Tags = block.Strings("tags") ?? [] };
    }

    protected override void CheckSecrets(OpsgenieOptions options, SecretCheck check) => check.Require(ApiKey);

    protected override IReadOnlyList<IntegrationTarget> Targets(OpsgenieOptions options) => [new IntegrationTarget(Key, kind => Incident.Hears(options.AlertOn, kind))];

    protected override IReadOnlyList<IIntegrationCheck> Checks(OpsgenieOptions options) => OpsgenieChecks.For(options);
}
