using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using SpecCake.Configuration;
using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Aliases;

/// <summary>The body of the ValidateSpecs alias: validate, log each error, report to GitHub Actions, fail.</summary>
internal static class SpecValidationRun
{
    public static SpecValidationReport Run(ICakeContext context, ValidateSpecsSettings settings)
    {
        var workingDirectory = context.Environment.WorkingDirectory;
        var configFile = (settings.ConfigFile ?? new FilePath(SpecCakeConfigLoader.DefaultFileName)).MakeAbsolute(workingDirectory);

        var report = SpecValidator.Validate(configFile.FullPath, new CakeEnvironmentVariables(context.Environment), workingDirectory.FullPath);

        var errors = report.Errors;
        foreach (var error in errors)
        {
            context.Log.Write(Verbosity.Quiet, LogLevel.Error, "{0}", error.ToString());
        }

        if (string.Equals(context.Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var error in errors)
            {
                context.Log.Write(Verbosity.Quiet, LogLevel.Information, "{0}", GitHubActionsReport.Annotation(error));
            }

            if (context.Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summaryFile)
            {
                try
                {
                    File.AppendAllText(summaryFile, GitHubActionsReport.Summary(errors, report.Catalog.Specs.Count));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // The summary is a convenience: the annotations and the exit code already tell.
                    context.Log.Warning("Could not write the job summary to GITHUB_STEP_SUMMARY: {0}", exception.Message);
                }
            }
        }

        if (errors.Count > 0 && report.Config.IsValid)
        {
            // Subscribers (e.g. Sentry's report_on) hear of it before the task fails.
            SpecCakeAliases.NotificationTasks(context)
                .NotifyValidationFailed(report.Config.Config!, report.Config.Secrets.CredentialValues, errors);
        }

        if (errors.Count == 0)
        {
            context.Log.Information("{0} spec file(s) and {1} are valid.", report.Catalog.Files.Count, report.Config.File);
        }
        else if (settings.FailOnInvalid)
        {
            throw new CakeException($"{errors.Count} spec/config error(s)");
        }
        else
        {
            context.Log.Warning("{0} spec/config error(s)", errors.Count);
        }

        return report;
    }
}
