using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;
using SpecCake.Integrations.Webhooks;
using SpecCake.Specs;

namespace SpecCake.Tests.Delivery;

/// <summary>The documented sample spec and event, and small policies that keep the suite fast.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2025, 1, 19, 12, 0, 0, TimeSpan.Zero);

    public static Spec Spec { get; } = new()
    {
        Id = "FEAT-0001",
        Title = "User Authentication",
        Status = SpecStatus.Implemented,
        File = "specs/features/FEAT-0001.yaml",
        Reviewers = ["@team"],
    };

    /// <summary>
    /// Retries quickly (20 ms base delay), and gives an attempt time enough to succeed on a loaded
    /// machine with the tests running side by side: a test about a time-out sets its own, short one.
    /// </summary>
    public static RetryPolicy FastRetry { get; } = new()
    {
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(30),
        TotalTimeout = TimeSpan.FromSeconds(60),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
    };

    public static SpecEvent Event(SpecEventKind kind) => new()
    {
        Kind = kind,
        Timestamp = Now,
        Spec = Spec,
        PullRequest = kind is SpecEventKind.ImplementationStarted ? null : new PullRequestReference(42, "https://github.com/org/repo/pull/42"),
        Repository = new RepositoryReference("org", "repo"),
        Branch = "spec/feat-0001",
        Reviewers = kind is SpecEventKind.ImplementationCompleted ? ["@team"] : [],
        Error = kind is SpecEventKind.ImplementationFailed ? "Schema validation failed" : null,
        LogsUrl = kind is SpecEventKind.ImplementationFailed ? "https://github.com/org/repo/actions/runs/7" : null,
        SpecUrl = "https://github.com/org/repo/blob/spec/feat-0001/specs/features/FEAT-0001.yaml",
    };

    public static SpecCakeConfig Config(IntegrationsOptions integrations, RateLimitOptions? rateLimit = null, string? stateFile = null) => new()
    {
        Integrations = integrations,
        Notifications = new NotificationsOptions
        {
            RateLimit = rateLimit,
            StateFile = stateFile ?? Path.Combine(Path.GetTempPath(), "speccake-tests", Guid.NewGuid().ToString("N"), "state.json"),
        },
    };

    public static WebhookEndpointOptions Endpoint(string name, string url, int retryCount = 3, string? secret = null, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Name = name,
        Url = url,
        Events = [.. Enum.GetValues<SpecEventKind>()],
        RetryCount = retryCount,
        Secret = secret,
        Headers = headers ?? new Dictionary<string, string>(),
    };

    public static SpecCakeConfig Webhooks(params WebhookEndpointOptions[] endpoints) =>
        Config(new IntegrationsOptions { Webhooks = new WebhooksOptions { Enabled = true, Endpoints = endpoints } });

    public static SpecEventNotifierOptions Options(RecordingLog log, IReadOnlyDictionary<string, string?>? environment = null, bool dryRun = false, RetryPolicy? retry = null) => new()
    {
        Environment = environment ?? new Dictionary<string, string?>(),
        Log = log,
        DryRun = dryRun,
        RetryPolicy = retry ?? FastRetry,
    };
}
