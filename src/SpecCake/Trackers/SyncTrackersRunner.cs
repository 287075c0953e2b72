using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Integrations;
using SpecCake.Specs;

namespace SpecCake.Trackers;

/// <summary>The SyncTrackers alias's glue: settings and Cake context in, <see cref="TrackerSync"/> run, summary logged.</summary>
internal static class SyncTrackersRunner
{
    public static TrackerSyncSummary Run(ICakeContext context, SyncTrackersSettings settings)
    {
        var environment = CakeEnvironmentVariables.Read(context.Environment);
        var configFile = (settings.ConfigFile ?? new FilePath("specs.config.yaml")).MakeAbsolute(context.Environment);
        if (!context.FileSystem.Exist(configFile))
        {
            throw new CakeException($"SyncTrackers: {configFile.FullPath} does not exist");
        }

        var log = new CakeDeliveryLog(context.Log);
        var loaded = ProjectInputs.LoadConfig(configFile.FullPath, environment, log);
        var config = loaded.Config;
        var dryRun = settings.DryRun ?? DryRunArguments.AnyIn(context.Arguments);
        // Only the trackers' secrets: SyncTrackers sends no notification.
        var missing = ProjectInputs.RequireSecrets(loaded, IntegrationNeed.ForTrackers(config), "SyncTrackers", dryRun, log);
        var specs = ProjectInputs.LoadSpecs(config);
        if (settings.Spec is { } only)
        {
            specs = [.. specs.Where(spec => string.Equals(spec.Id, only, StringComparison.OrdinalIgnoreCase))];
            if (specs.Count == 0)
            {
                throw new CakeException($"SyncTrackers: no valid spec has the ID {Validation.LogText.Quoted(only)}");
            }
        }

        if (TrackerSync.EnabledTrackers(config).Count == 0)
        {
            context.Log.Information("SyncTrackers: no tracker is enabled in {0}", configFile.GetFilename());
            return new TrackerSyncSummary([], dryRun);
        }

        var summary = TrackerSync.SyncAsync(config, environment, specs, new TrackerSyncOptions { DryRun = dryRun }).GetAwaiter().GetResult();
        foreach (var line in summary.Render().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Contains(" FAILED", StringComparison.Ordinal))
            {
                context.Log.ErrorLine(line);
            }
            else
            {
                context.Log.InformationLine(line);
            }
        }

        ProjectInputs.ListMissing(missing, log);
        var failed = summary.Trackers.Sum(tracker => tracker.Failed);
        if (failed > 0)
        {
            var message = $"SyncTrackers: {failed} spec(s) could not be synced; see the lines above";
            if (config.Notifications.FailOnError)
            {
                throw new CakeException(message);
            }

            context.Log.WarningLine(message);
        }

        return summary;
    }
}
