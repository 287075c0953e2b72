using System.Globalization;
using Cake.Core;
using Cake.Core.IO;
using SpecCake.Host;

namespace SpecCake.Build;

/// <summary>
/// This repository's build context: the arguments every task shares (<c>--config</c>, dry-run)
/// and typed readers for the task arguments of contract §1, with one clear message for a bad value.
/// </summary>
public sealed class BuildContext : FrostingContext
{
    public BuildContext(ICakeContext context)
        : base(context)
    {
        var config = Text("config");
        ConfigFile = config is null ? null : new FilePath(config);
        DryRun = Arguments.HasArgument("dryrun") || Arguments.HasArgument("noop") || Arguments.HasArgument("whatif");
    }

    /// <summary><c>--config</c>: the configuration file; null means the alias default (<c>specs.config.yaml</c>).</summary>
    public FilePath? ConfigFile { get; }

    /// <summary><c>--dryrun</c> / <c>--noop</c> / <c>--whatif</c>: preview, send nothing.</summary>
    public bool DryRun { get; }

    /// <summary>The argument's last value, or null when it was not given.</summary>
    public string? Text(string name) =>
        Arguments.HasArgument(name) ? Arguments.GetArguments(name).LastOrDefault() : null;

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
            : throw new CakeException($"--{name} must be a whole number, not '{text}'.");
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
            : throw new CakeException($"--{name} must be a number, not '{text}'.");
    }

    /// <summary>A comma-separated list such as <c>--reviewers=alice,bob</c>; repeated arguments add up.</summary>
    public IList<string> List(string name) =>
        Arguments.HasArgument(name)
            ? Arguments.GetArguments(name)
                .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList()
            : [];
}
