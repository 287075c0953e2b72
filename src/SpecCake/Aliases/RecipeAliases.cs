using Cake.Core;
using Cake.Core.Annotations;

namespace SpecCake.Aliases;

/// <summary>
/// What the SpecCake.Recipe package's tasks need beyond the other aliases: the preview of
/// <c>--dryrun</c> under Cake's script runner.
/// </summary>
[CakeAliasCategory("SpecCake")]
public static class RecipeAliases
{
    private static readonly string[] DryRunOptions = ["--dryrun", "--noop", "--whatif"];

    /// <summary>
    /// Under Cake's own <c>--dryrun</c> (or <c>--noop</c>, <c>--whatif</c>), previews every SpecCake task
    /// among <paramref name="taskNames"/> as the build host's <c>--dryrun</c> does: requests are built and
    /// printed with secrets masked, nothing is sent. Cake's script runner keeps that option to itself
    /// (it is not among the script's arguments) and runs no task body, only a setup action, so the
    /// recipe calls this from its <c>Setup</c>. Without a dry run it does nothing.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="taskNames">The tasks about to run, e.g. <c>setup.TasksToExecute.Select(t =&gt; t.Name)</c>.</param>
    /// <example><code>Setup(setup => PreviewSpecCakeTasks(setup.TasksToExecute.Select(task => task.Name)));</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void PreviewSpecCakeTasks(this ICakeContext context, IEnumerable<string> taskNames)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(taskNames);
        if (!Environment.GetCommandLineArgs().Any(argument => DryRunOptions.Contains(argument, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }

        var preview = new DryRunContext(context);
        foreach (var name in taskNames)
        {
            switch (name)
            {
                case "ValidateSpecs":
                    preview.ValidateSpecs(ValidateSpecsSettings.FromArguments(preview.Arguments));
                    break;
                case "NotifySpecEvent":
                    preview.NotifySpecEvent(NotifySpecEventSettings.FromArguments(preview.Arguments));
                    break;
                case "SyncTrackers":
                    preview.SyncTrackers(SyncTrackersSettings.FromArguments(preview.Arguments));
                    break;
                case "DetectSpecEvents":
                    preview.DetectSpecEvents(DetectSpecEventsSettings.FromArguments(preview.Arguments));
                    break;
                case "TestIntegrations":
                    preview.TestIntegrations(TestIntegrationsSettings.FromArguments(preview.Arguments));
                    break;
                case "Init":
                    preview.Init(InitSettings.FromArguments(preview.Arguments));
                    break;
                case "CheckIntegrations":
                    preview.CheckIntegrations(CheckIntegrationsSettings.FromArguments(preview.Arguments));
                    break;
                case "ImplementSpec":
                    preview.ImplementSpec(ImplementSpecSettings.FromArguments(preview.Arguments));
                    break;
            }
        }
    }
}
