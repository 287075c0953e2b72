using Cake.Core;
using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>Settings for <see cref="SpecCakeAliases.SyncTrackers(Cake.Core.ICakeContext, SyncTrackersSettings)"/>.</summary>
public sealed class SyncTrackersSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary><c>--spec</c>: sync only this spec ID; every valid spec when null.</summary>
    public string? Spec { get; set; }

    /// <summary>
    /// <c>--dryrun</c>: print the plan (create / update which fields / unchanged), write nothing.
    /// When null, taken from the <c>dryrun</c>/<c>noop</c>/<c>whatif</c> arguments of the running Cake.
    /// </summary>
    public bool? DryRun { get; set; }

    /// <summary>The settings the command line asks for: <c>--config</c>, <c>--spec</c>, <c>--dryrun</c>.</summary>
    /// <param name="arguments">Cake's arguments, e.g. <c>Context.Arguments</c>.</param>
    /// <returns>The settings.</returns>
    /// <example><code>Task("Trackers").Does(() => SyncTrackers(SyncTrackersSettings.FromArguments(Context.Arguments)));</code></example>
    public static SyncTrackersSettings FromArguments(ICakeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var read = new TaskArguments(arguments);
        return new SyncTrackersSettings { ConfigFile = read.ConfigFile, Spec = read.Text("spec"), DryRun = read.DryRun };
    }
}
