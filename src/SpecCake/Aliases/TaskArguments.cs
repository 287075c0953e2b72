using System.Globalization;
using Cake.Core;
using Cake.Core.IO;
using SpecCake.Validation;

namespace SpecCake.Aliases;

/// <summary>
/// Reads the task arguments of docs/design/contract.md#task-arguments (<c>--event=pr_created</c>, <c>--pr=42</c>, ...) from Cake's
/// arguments, with one clear message for a bad value: the one reading the build host's tasks and the
/// recipe's tasks share (each settings type's <c>FromArguments</c>).
/// </summary>
internal sealed class TaskArguments(ICakeArguments arguments)
{
    /// <summary><c>--config</c>: the configuration file; null means the alias default (<c>specs.config.yaml</c>).</summary>
    public FilePath? ConfigFile => Text("config") is { } config ? new FilePath(config) : null;

    /// <summary>
    /// <c>--dryrun</c> / <c>--noop</c> / <c>--whatif</c>: true when given, else null (the alias then asks
    /// the context itself, as it does for a Cake script's own tasks).
    /// </summary>
    public bool? DryRun => DryRunArguments.AnyIn(arguments) ? true : null;

    /// <summary>The argument's last value, or null when it was not given.</summary>
    public string? Text(string name) =>
        arguments.HasArgument(name) ? arguments.GetArguments(name).LastOrDefault() : null;

    /// <summary>A switch such as <c>--force</c> (or <c>--force=true</c>); <c>--force=false</c> turns it off.</summary>
    public bool Flag(string name) =>
        Text(name) is { } text && !string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>A whole-number argument such as <c>--pr=42</c>.</summary>
    public int? Integer(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CakeException($"--{name} must be a whole number, not {LogText.Quoted(text)}.");
    }

    /// <summary>A number argument such as <c>--duration=12.5</c>.</summary>
    public double? Number(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CakeException($"--{name} must be a number, not {LogText.Quoted(text)}.");
    }

    /// <summary>A comma-separated list such as <c>--reviewers=alice,bob</c>; repeated arguments add up.</summary>
    public List<string> List(string name) =>
        arguments.HasArgument(name)
            ? arguments.GetArguments(name)
                .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList()
            : [];
}
