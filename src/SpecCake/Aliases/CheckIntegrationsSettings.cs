using Cake.Core;
using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>
/// Settings for <see cref="SetupAliases.CheckIntegrations(ICakeContext, CheckIntegrationsSettings)"/>:
/// read-only checks of every enabled integration against its live service.
/// </summary>
public sealed class CheckIntegrationsSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary><c>--only</c>: integrations to check (e.g. <c>jira</c>, or <c>implementation</c> for ImplementSpec's setup); every enabled one when empty.</summary>
    public IList<string> Only { get; set; } = [];

    /// <summary>
    /// <c>--dryrun</c>: list the checks without running them. When null, taken from the
    /// <c>dryrun</c>/<c>noop</c>/<c>whatif</c> arguments of the running Cake.
    /// </summary>
    public bool? DryRun { get; set; }

    /// <summary>The settings the command line asks for: <c>--config</c>, <c>--only</c>, <c>--dryrun</c>.</summary>
    /// <param name="arguments">Cake's arguments, e.g. <c>Context.Arguments</c>.</param>
    /// <returns>The settings.</returns>
    /// <example><code>Task("Check").Does(() => CheckIntegrations(CheckIntegrationsSettings.FromArguments(Context.Arguments)));</code></example>
    public static CheckIntegrationsSettings FromArguments(ICakeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var read = new TaskArguments(arguments);
        return new CheckIntegrationsSettings { ConfigFile = read.ConfigFile, Only = read.List("only"), DryRun = read.DryRun };
    }
}
