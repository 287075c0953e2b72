using SpecCake.Events;

namespace SpecCake.Integrations.Sentry;

/// <summary><c>integrations.sentry</c>; the DSN comes from <c>SENTRY_DSN</c>.</summary>
public sealed record SentryOptions : IntegrationOptions
{
    /// <summary><c>environment</c>, e.g. <c>production</c>.</summary>
    public string? Environment { get; init; }

    /// <summary><c>report_on</c>: events reported as errors.</summary>
    public IReadOnlyList<SpecEventKind> ReportOn { get; init; } = [];
}
