using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;

namespace SpecCake.Integrations.Sentry;

/// <summary>
/// Sentry (<c>SENTRY_DSN</c>) through the official SDK: each <c>report_on</c> event becomes a Sentry
/// event with the configured <c>environment</c>, tags <c>spec_id</c>/<c>event</c>/<c>repository</c>
/// and a fingerprint of spec and event, flushed before the task ends.
/// </summary>
internal sealed class SentryNotifier : INotifier
{
    public string Name => SentryIntegration.ConfigKey;

    public bool IsEnabled(SpecCakeConfig config) => config.Integrations.Sentry is { Enabled: true };

    public IReadOnlyList<PlannedDelivery> Plan(SpecEvent specEvent, NotifierContext context)
    {
        var options = context.Config.Integrations.Sentry!;
        if (!Subscriptions.Includes(options.ReportOn, specEvent))
        {
            return [];
        }

        var value = context.RequireSecret(SentryIntegration.Dsn.Name, Name);
        // A dry run without the DSN shows where it would go; nothing is sent.
        var dsn = NotSet.IsIn(value) ? new SentryDsn(value, string.Empty, value, "(not set)") : SentryDsn.Parse(value);
        context.AddSecret(dsn.PublicKey);
        return [new SentryDelivery(Name, dsn, SentryReport.For(specEvent, options), context.RetryPolicy, context.DeliveryId(Name))];
    }
}
