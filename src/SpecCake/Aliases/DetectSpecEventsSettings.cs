using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>Settings for <see cref="DetectSpecEventsAliases.DetectSpecEvents(Cake.Core.ICakeContext, DetectSpecEventsSettings)"/>.</summary>
public sealed class DetectSpecEventsSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary><c>--base</c>: the git ref to compare from (required).</summary>
    public string? Base { get; set; }

    /// <summary><c>--head</c>: the git ref to compare to; <c>HEAD</c> by default.</summary>
    public string Head { get; set; } = "HEAD";

    /// <summary>
    /// <c>--dryrun</c>: print the detected events and what would be sent, send nothing.
    /// When null, taken from the <c>dryrun</c>/<c>noop</c>/<c>whatif</c> arguments of the running Cake.
    /// </summary>
    public bool? DryRun { get; set; }
}
