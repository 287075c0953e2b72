using Cake.Core;
using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>
/// Settings for <see cref="SpecCakeAliases.NotifySpecEvent(Cake.Core.ICakeContext, NotifySpecEventSettings)"/>:
/// the task arguments of docs/design/contract.md#task-arguments.
/// </summary>
public sealed class NotifySpecEventSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary><c>--event</c>: the snake_case event name, e.g. <c>implementation_failed</c>.</summary>
    public string? Event { get; set; }

    /// <summary><c>--spec</c>: spec ID or path; derived from a <c>spec/&lt;id&gt;</c> branch when absent.</summary>
    public string? Spec { get; set; }

    /// <summary><c>--pr</c>: pull request number.</summary>
    public int? Pr { get; set; }

    /// <summary><c>--pr-url</c>: pull request URL (derived in GitHub Actions from <c>--pr</c>).</summary>
    public string? PrUrl { get; set; }

    /// <summary><c>--branch</c>.</summary>
    public string? Branch { get; set; }

    /// <summary><c>--error</c>: the failure text.</summary>
    public string? Error { get; set; }

    /// <summary><c>--logs-url</c>.</summary>
    public string? LogsUrl { get; set; }

    /// <summary><c>--reviewers</c>.</summary>
    public IList<string> Reviewers { get; set; } = [];

    /// <summary><c>--duration</c>: seconds the implementation took.</summary>
    public double? Duration { get; set; }

    /// <summary>
    /// <c>--dryrun</c>: build and print every request with secrets masked, send nothing, write no state.
    /// When null, taken from the <c>dryrun</c>/<c>noop</c>/<c>whatif</c> arguments of the running Cake.
    /// </summary>
    public bool? DryRun { get; set; }

    /// <summary>
    /// The settings the command line asks for: <c>--config</c>, <c>--event</c>, <c>--spec</c>, <c>--pr</c>,
    /// <c>--pr-url</c>, <c>--branch</c>, <c>--error</c>, <c>--logs-url</c>, <c>--reviewers</c>,
    /// <c>--duration</c>, <c>--dryrun</c> (the build host's and the recipe's NotifySpecEvent task).
    /// </summary>
    /// <param name="arguments">Cake's arguments, e.g. <c>Context.Arguments</c>.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="CakeException">A value is malformed, e.g. <c>--pr=abc</c>.</exception>
    /// <example><code>Task("Notify").Does(() => NotifySpecEvent(NotifySpecEventSettings.FromArguments(Context.Arguments)));</code></example>
    public static NotifySpecEventSettings FromArguments(ICakeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var read = new TaskArguments(arguments);
        return new NotifySpecEventSettings
        {
            ConfigFile = read.ConfigFile,
            Event = read.Text("event"),
            Spec = read.Text("spec"),
            Pr = read.Integer("pr"),
            PrUrl = read.Text("pr-url"),
            Branch = read.Text("branch"),
            Error = read.Text("error"),
            LogsUrl = read.Text("logs-url"),
            Reviewers = read.List("reviewers"),
            Duration = read.Number("duration"),
            DryRun = read.DryRun,
        };
    }
}
