using SpecCake.Checks;
using SpecCake.Configuration;
using SpecCake.Delivery;

namespace SpecCake.Integrations.Sentry;

/// <summary>Sentry (<c>SENTRY_DSN</c>) through its SDK: the <c>report_on</c> events.</summary>
internal sealed class SentryIntegration : IntegrationDescriptor<SentryOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "sentry";

    /// <summary>The project's DSN.</summary>
    public static readonly SecretVariable Dsn = new("SENTRY_DSN", "project DSN");

    public static SentryIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        environment: "production"
        report_on:
          - "implementation_failed"
          - "validation_failed"
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["environment", "report_on"];

    public override IReadOnlyList<SecretVariable> Variables => [Dsn];

    public override INotifier Notifier { get; } = new SentryNotifier();

    protected override SentryOptions BindOptions(ConfigBlock block) => new()
    {
        Environment = block.Text("environment"),
        ReportOn = block.Events("report_on"),
    };

    protected override void CheckSecrets(SentryOptions options, SecretCheck check)
    {
        if (check.Require(Dsn) is { } dsn && !ValueRules.IsAcceptableDsn(dsn))
        {
            check.Unusable($"{Dsn.Name} is not a valid Sentry DSN (https://<key>@<host>/<project>; its value is not shown)");
        }
    }

    protected override IReadOnlyList<IntegrationTarget> Targets(SentryOptions options) => [IntegrationTarget.Subscribed(Key, options.ReportOn)];

    protected override IReadOnlyList<IIntegrationCheck> Checks(SentryOptions options) => SentryChecks.For();
}
