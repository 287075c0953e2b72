using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>Settings for <see cref="TestIntegrationsAliases.TestIntegrations(Cake.Core.ICakeContext, TestIntegrationsSettings)"/>.</summary>
public sealed class TestIntegrationsSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary><c>--only</c>: the integrations to test (e.g. <c>slack</c>, <c>jira</c>); every enabled one when empty.</summary>
    public IList<string> Only { get; set; } = [];

    /// <summary>
    /// <c>--dryrun</c>: build and print the test messages with secrets masked, send nothing.
    /// When null, taken from the <c>dryrun</c>/<c>noop</c>/<c>whatif</c> arguments of the running Cake.
    /// </summary>
    public bool? DryRun { get; set; }
}
