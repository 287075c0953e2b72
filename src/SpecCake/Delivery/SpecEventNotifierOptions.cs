using System.Net.Security;
using SpecCake.Configuration;
using SpecCake.Http;

namespace SpecCake.Delivery;

/// <summary>How <see cref="SpecEventNotifier"/> runs: everything but the configuration and the event.</summary>
public sealed record SpecEventNotifierOptions
{
    /// <summary>Environment variables: the secrets and the GitHub Actions ones. The process environment by default.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = CurrentEnvironment();

    /// <summary>Where progress, dry-run requests and the summary are written (masked). Nowhere by default.</summary>
    public IDeliveryLog? Log { get; init; }

    /// <summary><c>--dryrun</c>: build and print every request, send nothing, write no state.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// The directory a relative <c>notifications.state_file</c> is resolved against when the
    /// configuration has no <see cref="Configuration.SpecCakeConfig.SourceFile"/>; the current directory by default.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The retry policy of every integration (webhook endpoints take their own <c>retry_count</c>).</summary>
    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;

    /// <summary>The clock for retries, timeouts and rate-limit windows.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The notifiers to consider; <see cref="NotifierCatalog.All"/> by default.</summary>
    public IReadOnlyList<INotifier>? Notifiers { get; init; }

    /// <summary>
    /// <c>--only</c>: what to keep (case-insensitive), each a notifier name (<c>webhooks</c>) or one of
    /// its destinations (<c>webhooks/analytics</c>, <c>datadog/metrics</c>); all when empty.
    /// </summary>
    public IReadOnlyCollection<string> Only { get; init; } = [];

    /// <summary>
    /// Notifiers or destinations to leave out without a row in the summary, e.g. those whose secret
    /// is not set when ValidateSpecs tells of its failure.
    /// </summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = [];

    /// <summary>Rows added to the summary for integrations this run does not send to, with why (e.g. trackers in TestIntegrations).</summary>
    public IReadOnlyList<(string Target, string Reason)> NotSent { get; init; } = [];

    /// <summary>More values to mask, e.g. values the config loader interpolated from <c>${VAR}</c>.</summary>
    public IReadOnlyCollection<string> AdditionalSecrets { get; init; } = [];

    /// <summary>How long to wait for another run holding the state file.</summary>
    public TimeSpan StateFileLockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>TLS certificate validation for SMTP; the system's when null (tests trust their own certificate).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>A snapshot of the process environment.</summary>
    public static IReadOnlyDictionary<string, string?> CurrentEnvironment() => EnvironmentVariables.Process;
}
