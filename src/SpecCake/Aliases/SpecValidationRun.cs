using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Integrations;
using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Aliases;

/// <summary>The body of the ValidateSpecs alias: validate, log each error, report to GitHub Actions, fail.</summary>
internal static class SpecValidationRun
{
    /// <summary>The most errors printed; the rest are counted (each file's first ones are already among them).</summary>
    internal const int MaxPrintedErrors = 100;

    // GitHub shows 10 annotations of a kind per step (50 per job); more only slows the run page.
    private const int MaxAnnotations = 50;

    public static SpecValidationReport Run(ICakeContext context, ValidateSpecsSettings settings)
    {
        var log = context.Log;
        var workingDirectory = context.Environment.WorkingDirectory;
        var configFile = (settings.ConfigFile ?? new FilePath(SpecCakeConfigLoader.DefaultFileName)).MakeAbsolute(workingDirectory);

        var report = SpecValidator.Validate(configFile.FullPath, CakeEnvironmentVariables.Read(context.Environment), workingDirectory.FullPath);

        var errors = report.Errors;
        var warnings = report.Catalog.Warnings;
        foreach (var warning in warnings)
        {
            log.WarningLine(warning.ToString());
        }

        foreach (var error in errors.Take(MaxPrintedErrors))
        {
            log.ErrorLine(error.ToString());
        }

        if (errors.Count > MaxPrintedErrors)
        {
            var files = errors.Skip(MaxPrintedErrors).Select(e => e.File).Distinct(StringComparer.Ordinal).Count();
            log.ErrorLine($"... and {errors.Count - MaxPrintedErrors:N0} more error(s) in {files:N0} file(s) not listed; fix the ones above and run again");
        }

        if (string.Equals(context.Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var error in errors.Take(MaxAnnotations))
            {
                log.Annotation(GitHubActionsReport.Annotation(error));
            }

            foreach (var warning in warnings.Take(MaxAnnotations))
            {
                log.Annotation(GitHubActionsReport.Annotation(warning, GitHubActionsReport.Warning));
            }

            // The summary is a convenience: the annotations and the exit code already tell.
            if (GitHubActions.AppendStepSummary(context.Environment.GetEnvironmentVariable, GitHubActionsReport.Summary(errors, report.Catalog.Specs.Count)) is { } problem)
            {
                log.WarningLine($"Could not write the job summary to GITHUB_STEP_SUMMARY: {LogText.Escaped(problem)}");
            }
        }

        if (errors.Count > 0 && report.Config.IsValid)
        {
            NotifyValidationFailed(context, report);
        }

        if (errors.Count == 0)
        {
            log.InformationLine($"{report.Catalog.Files.Count} spec file(s) and {LogText.Escaped(report.Config.File)} are valid.");
        }
        else if (settings.FailOnInvalid)
        {
            throw new CakeException($"{errors.Count} spec/config error(s)");
        }
        else
        {
            log.WarningLine($"{errors.Count} spec/config error(s)");
        }

        return report;
    }

    /// <summary>
    /// Subscribers (e.g. Sentry's report_on) hear of the errors before the task fails. Validation
    /// runs without delivery secrets (a pull request from a fork has none): a subscriber whose secret
    /// is not set is left out, with a warning (which blames the fork only in a fork's pull request);
    /// an integration that does not subscribe to validation_failed is not mentioned at all.
    /// </summary>
    private static void NotifyValidationFailed(ICakeContext context, SpecValidationReport report)
    {
        var config = report.Config.Config!;
        var need = IntegrationNeed.ForEvents(config, [SpecEventKind.ValidationFailed], withSpec: false);
        var fork = ForkPullRequest.IsCurrentRun(context.Environment.GetEnvironmentVariable);
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in report.Config.MissingSecrets.Where(need.Needs).GroupBy(missing => missing.Target ?? missing.Integration, StringComparer.Ordinal))
        {
            excluded.Add(group.Key);
            var names = group.Select(missing => missing.Variable).Distinct(StringComparer.Ordinal).ToList();
            context.Log.WarningLine(
                $"{group.Key}: validation_failed is not sent: the secret{(names.Count == 1 ? string.Empty : "s")} {string.Join(", ", names)} {(names.Count == 1 ? "is" : "are")} not set"
                + (fork ? " (a pull request from a fork gets no secrets)" : string.Empty));
        }

        SpecCakeAliases.NotificationTasks(context)
            .NotifyValidationFailed(config, report.Config.Secrets.CredentialValues, report.Errors, excluded);
    }
}
