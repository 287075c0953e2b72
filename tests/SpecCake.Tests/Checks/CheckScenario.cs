using System.Net.Security;
using SpecCake.Aliases;
using SpecCake.Checks;
using SpecCake.Delivery;
using SpecCake.Http;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Checks;

/// <summary>
/// CheckIntegrations as a user runs it, without Cake: a <c>specs.config.yaml</c> written to a
/// temporary folder, an environment, and the task's runner reading the file as the task does.
/// </summary>
internal sealed class CheckScenario : IDisposable
{
    private static readonly RetryPolicy Quick = new()
    {
        MaxRetries = 1,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        // Room for a TLS handshake on a loaded machine: these tests check answers, not speed.
        AttemptTimeout = TimeSpan.FromSeconds(20),
        TotalTimeout = TimeSpan.FromSeconds(40),
        MaxRetryAfter = TimeSpan.FromSeconds(1),
    };

    private readonly TempFolder _folder = new("checks");

    public CheckScenario(string config, Dictionary<string, string?>? environment = null)
    {
        Directory = _folder.Path;
        File.WriteAllText(Path.Combine(Directory, "specs.config.yaml"), config);
        Environment = environment ?? [];
    }

    public string Directory { get; }

    public Dictionary<string, string?> Environment { get; }

    public RecordingLog Log { get; } = new();

    /// <summary>Accepts the test SMTP server's certificate.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>Runs the checks and returns the table's rows (the task would fail on any failed row).</summary>
    public CheckReport Check(params string[] only) => Runner().Check(new CheckIntegrationsSettings { Only = only });

    /// <summary>Runs the task: fails when a check failed.</summary>
    public CheckReport Run(params string[] only) => Runner().Run(new CheckIntegrationsSettings { Only = only });

    public void Dispose() => _folder.Dispose();

    private CheckIntegrationsTaskRunner Runner() =>
        new(NotificationInputs.Files, new NotificationHost(Directory, Environment, Log, DryRun: false, TimeProvider.System, Quick))
        {
            ServerCertificateValidation = ServerCertificateValidation,
        };
}

/// <summary>Reading a report in tests.</summary>
internal static class CheckReportExtensions
{
    public static CheckRow Row(this CheckReport report, string integration, string check) =>
        report.Rows.SingleOrDefault(row => row.Integration == integration && row.Check == check)
        ?? throw new Xunit.Sdk.XunitException($"no row '{integration} {check}' in:\n{report.ToTable()}");

    public static void AllPassed(this CheckReport report) =>
        Xunit.Assert.True(report.Rows.All(row => row.Outcome.Result == CheckResult.Passed), report.ToTable());
}
