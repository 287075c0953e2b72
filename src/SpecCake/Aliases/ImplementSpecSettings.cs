using Cake.Core;
using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>
/// Settings for <see cref="ImplementationAliases.ImplementSpec(Cake.Core.ICakeContext, ImplementSpecSettings)"/>:
/// the <c>ImplementSpec</c> task arguments of docs/design/contract.md#implementspec. Everything else comes from the
/// <c>implementation</c> block of <c>specs.config.yaml</c>.
/// </summary>
public sealed class ImplementSpecSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary><c>--spec</c> (required): the spec ID (<c>FEAT-0001</c>, any case) or the path of its file.</summary>
    public string? Spec { get; set; }

    /// <summary><c>--force</c>: implement a spec whose status is not <c>approved</c> (or already <c>implemented</c>), or run a review round with nothing new to answer.</summary>
    public bool Force { get; set; }

    /// <summary>
    /// <c>--restart</c>: start the spec branch again from the base instead of continuing on its tip;
    /// the old tip is first kept on origin under <c>refs/speccake/previous/&lt;branch&gt;/&lt;time&gt;</c>.
    /// </summary>
    public bool Restart { get; set; }

    /// <summary>
    /// <c>--dryrun</c>: print the plan, the prompt and the commands; create no branch, commit, push,
    /// request or event. When null, taken from the <c>dryrun</c>/<c>noop</c>/<c>whatif</c> arguments of the running Cake.
    /// </summary>
    public bool? DryRun { get; set; }

    /// <summary>The settings the command line asks for: <c>--config</c>, <c>--spec</c>, <c>--force</c>, <c>--restart</c>, <c>--dryrun</c>.</summary>
    /// <param name="arguments">Cake's arguments, e.g. <c>Context.Arguments</c>.</param>
    /// <returns>The settings.</returns>
    /// <example><code>Task("Implement").Does(() => ImplementSpec(ImplementSpecSettings.FromArguments(Context.Arguments)));</code></example>
    public static ImplementSpecSettings FromArguments(ICakeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var read = new TaskArguments(arguments);
        return new ImplementSpecSettings { ConfigFile = read.ConfigFile, Spec = read.Text("spec"), Force = read.Flag("force"), Restart = read.Flag("restart"), DryRun = read.DryRun };
    }
}
