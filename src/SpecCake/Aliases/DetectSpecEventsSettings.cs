using Cake.Core;
using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>
/// Settings for <see cref="SpecChangeAliases.DetectSpecEvents(Cake.Core.ICakeContext, DetectSpecEventsSettings)"/>:
/// the <c>DetectSpecEvents</c> task arguments of docs/design/contract.md#task-arguments.
/// </summary>
public sealed class DetectSpecEventsSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary>
    /// <c>--base</c> (required): the commit before the change, e.g. <c>${{ github.event.before }}</c>
    /// on a push. It must be present in the clone (mind <c>fetch-depth</c>).
    /// </summary>
    public string? Base { get; set; }

    /// <summary><c>--head</c>: the commit after the change; <c>HEAD</c> by default.</summary>
    public string Head { get; set; } = "HEAD";

    /// <summary>
    /// <c>--dryrun</c>: list the events and preview their notifications, send nothing.
    /// When null, taken from the <c>dryrun</c>/<c>noop</c>/<c>whatif</c> arguments of the running Cake.
    /// </summary>
    public bool? DryRun { get; set; }

    /// <summary>The settings the command line asks for: <c>--config</c>, <c>--base</c>, <c>--head</c>, <c>--dryrun</c>.</summary>
    /// <param name="arguments">Cake's arguments, e.g. <c>Context.Arguments</c>.</param>
    /// <returns>The settings.</returns>
    /// <example><code>Task("Detect").Does(() => DetectSpecEvents(DetectSpecEventsSettings.FromArguments(Context.Arguments)));</code></example>
    public static DetectSpecEventsSettings FromArguments(ICakeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var read = new TaskArguments(arguments);
        return new DetectSpecEventsSettings
        {
            ConfigFile = read.ConfigFile,
            Base = read.Text("base"),
            Head = read.Text("head") ?? "HEAD",
            DryRun = read.DryRun,
        };
    }
}
