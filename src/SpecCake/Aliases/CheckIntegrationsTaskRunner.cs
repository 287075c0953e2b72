using System.Net.Security;
using Cake.Core;
using SpecCake.Checks;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Http;
using SpecCake.Implementation;

namespace SpecCake.Aliases;

/// <summary>
/// The glue behind the CheckIntegrations alias, free of Cake's context so it can be tested: load the
/// configuration (its secrets are what the first check of each integration reports), choose the
/// subjects (<c>--only</c>), run the checks, print the table, fail when a check failed.
/// </summary>
/// <param name="inputs">Configuration loading.</param>
/// <param name="host">Working directory, environment, log, dry-run flag, clock and retry policy of the running task.</param>
internal sealed class CheckIntegrationsTaskRunner(NotificationInputs inputs, NotificationHost host)
{
    /// <summary>Accepts the SMTP server's certificate instead of the system's validation (tests only).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>Runs CheckIntegrations: <see cref="Check"/>, then fails when a check failed.</summary>
    /// <exception cref="CakeException">An unknown <c>--only</c> name, an invalid configuration, or a failed check.</exception>
    public CheckReport Run(CheckIntegrationsSettings settings)
    {
        var report = Check(settings);
        if (report.HasFailures)
        {
            var failures = report.Failures;
            throw new CakeException(
                $"CheckIntegrations: {failures.Count} check{(failures.Count == 1 ? string.Empty : "s")} failed ({string.Join(", ", failures.Select(row => $"{row.Integration} {row.Check}"))}); the table above says how to fix each.");
        }

        return report;
    }

    /// <summary>Runs the checks and prints the table.</summary>
    /// <exception cref="CakeException">An unknown <c>--only</c> name, or an invalid configuration.</exception>
    public CheckReport Check(CheckIntegrationsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = Path.GetFullPath(Path.Combine(host.WorkingDirectory, settings.ConfigFile?.FullPath ?? NotificationTaskRunner.DefaultConfigFile));
        var loaded = inputs.LoadConfig(path, host.Environment, host.Log);
        var only = settings.Only
            .SelectMany(entry => entry.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

        var subjects = IntegrationChecks.Subjects(loaded.Config, loaded.Missing).ToList();
        if (ImplementationChecks.Subject(loaded.Config) is { } implementation)
        {
            subjects.Add(implementation);
        }

        var known = Integrations.IntegrationCatalog.All.Select(descriptor => descriptor.Key).Append(ImplementationChecks.Name).ToList();
        var unknown = only.Where(name => !known.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new CakeException($"--only: unknown integration {string.Join(", ", unknown)}; valid names: {string.Join(", ", known)}.");
        }

        if (only.Count > 0)
        {
            subjects = [.. subjects.Where(subject => only.Contains(subject.Name, StringComparer.OrdinalIgnoreCase))];
        }

        var masker = SecretMasker.FromEnvironment(host.Environment);
        foreach (var secret in loaded.Secrets)
        {
            masker.Add(secret);
        }

        var context = new CheckContext
        {
            Config = loaded.Config,
            Environment = host.Environment,
            Masker = masker,
            WorkingDirectory = host.WorkingDirectory,
            RetryPolicy = host.RetryPolicy ?? CheckContext.DefaultRetryPolicy,
            TimeProvider = host.TimeProvider,
            ServerCertificateValidation = ServerCertificateValidation,
        };

        var report = settings.DryRun ?? host.DryRun
            ? new CheckReport([.. subjects.SelectMany(subject => subject.Checks().Select(check => new CheckRow(subject.Name, check.Name, CheckOutcome.Skip("dry run: nothing was read"))))])
            : IntegrationChecks.RunAsync(subjects, context, CancellationToken.None).GetAwaiter().GetResult();
        host.Log.Write(report.HasFailures ? DeliveryLogLevel.Error : DeliveryLogLevel.Information, report.ToTable());
        if (subjects.Count == 0)
        {
            host.Log.Write(DeliveryLogLevel.Warning, "CheckIntegrations: no enabled integration" + (only.Count > 0 ? " among --only " + string.Join(", ", only) : string.Empty) + ".");
        }

        return report;
    }
}
