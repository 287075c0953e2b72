using SpecCake.Checks;
using SpecCake.Delivery;

namespace SpecCake.Integrations.PagerDuty;

/// <summary>PagerDuty Events API v2 (<c>PAGERDUTY_ROUTING_KEY</c>): incidents for the <c>alert_on</c> events, resolved by a later success.</summary>
internal sealed class PagerDutyIntegration : IntegrationDescriptor<PagerDutyOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "pagerduty";

    /// <summary>The Events API v2 integration key.</summary>
    public static readonly SecretVariable RoutingKey = new("PAGERDUTY_ROUTING_KEY", "Events API v2 routing key");

    public static PagerDutyIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        alert_on:
          - "implementation_failed"
        severity: "warning"              # critical, error, warning, info (SEV1 specs are always critical)
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["alert_on", "severity", "component"];

    public override IReadOnlyList<SecretVariable> Variables => [RoutingKey];

    public override INotifier Notifier { get; } = new PagerDutyNotifier();

    protected override PagerDutyOptions BindOptions(ConfigBlock block)
    {
        var d = new PagerDutyOptions();
        return d with { AlertOn = block.Events("alert_on"), Severity = block.Text("severity") ?? d.Severity, Component = block.Text("component") };
    }

    protected override void CheckSecrets(PagerDutyOptions options, SecretCheck check) => check.Require(RoutingKey);

    protected override IReadOnlyList<IntegrationTarget> Targets(PagerDutyOptions options) => [new IntegrationTarget(Key, kind => Incident.Hears(options.AlertOn, kind))];

    protected override IReadOnlyList<IIntegrationCheck> Checks(PagerDutyOptions options) => PagerDutyChecks.For();
}
