using Cake.Core;

namespace SpecCake.Aliases;

/// <summary>
/// Settings for <see cref="SetupAliases.Init(ICakeContext, InitSettings)"/>: set SpecCake up in the
/// repository of the working directory.
/// </summary>
public sealed class InitSettings
{
    /// <summary><c>--integrations</c>: the integrations to enable, by their key in <c>specs.config.yaml</c> (e.g. <c>slack</c>, <c>jira</c>, <c>webhooks</c>).</summary>
    public IList<string> Integrations { get; set; } = [];

    /// <summary><c>--agent</c>: <c>claude-code</c> adds the <c>implementation</c> block and ImplementSpec's jobs (its review rounds too) to the workflow; none when null.</summary>
    public string? Agent { get; set; }

    /// <summary>
    /// <c>--dryrun</c>: print the files instead of writing them. When null, taken from the
    /// <c>dryrun</c>/<c>noop</c>/<c>whatif</c> arguments of the running Cake.
    /// </summary>
    public bool? DryRun { get; set; }

    /// <summary>The settings the command line asks for: <c>--integrations</c>, <c>--agent</c>, <c>--dryrun</c>.</summary>
    /// <param name="arguments">Cake's arguments, e.g. <c>Context.Arguments</c>.</param>
    /// <returns>The settings.</returns>
    /// <example><code>Task("Init").Does(() => Init(InitSettings.FromArguments(Context.Arguments)));</code></example>
    public static InitSettings FromArguments(ICakeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var read = new TaskArguments(arguments);
        return new InitSettings { Integrations = read.List("integrations"), Agent = read.Text("agent"), DryRun = read.DryRun };
    }
}
