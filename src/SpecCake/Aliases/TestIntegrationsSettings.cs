using Cake.Core;
using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>
/// Settings for <see cref="SpecCakeAliases.TestIntegrations(Cake.Core.ICakeContext, TestIntegrationsSettings)"/>:
/// a clearly marked test message through every enabled integration (step 4 of docs/design/integrations.md#quick-setup).
/// </summary>
public sealed class TestIntegrationsSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary><c>--only</c>: integration names (e.g. <c>slack</c>, <c>webhooks</c>) to test; every enabled one when empty.</summary>
    public IList<string> Only { get; set; } = [];

    /// <summary>
    /// <c>--dryrun</c>: print the test requests with secrets masked, send nothing.
    /// When null, taken from the <c>dryrun</c>/<c>noop</c>/<c>whatif</c> arguments of the running Cake.
    /// </summary>
    public bool? DryRun { get; set; }

    /// <summary>The settings the command line asks for: <c>--config</c>, <c>--only</c>, <c>--dryrun</c>.</summary>
    /// <param name="arguments">Cake's arguments, e.g. <c>Context.Arguments</c>.</param>
    /// <returns>The settings.</returns>
    /// <example><code>Task("Test").Does(() => TestIntegrations(TestIntegrationsSettings.FromArguments(Context.Arguments)));</code></example>
    public static TestIntegrationsSettings FromArguments(ICakeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var read = new TaskArguments(arguments);
        return new TestIntegrationsSettings { ConfigFile = read.ConfigFile, Only = read.List("only"), DryRun = read.DryRun };
    }
}
