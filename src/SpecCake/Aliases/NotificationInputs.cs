using SpecCake.Configuration;
using SpecCake.Specs;

namespace SpecCake.Aliases;

/// <summary>
/// What the notification tasks need from the foundation (configuration and spec loading), as a
/// seam. INTERIM: the configuration loader and the spec loader are being written concurrently;
/// after merging, <see cref="Interim"/> is replaced by calls to them (one place to change).
/// </summary>
/// <param name="LoadConfig">Reads, validates and interpolates the configuration file (full path, environment);
/// returns it with every extra value to mask (e.g. those interpolated from <c>${VAR}</c>). Invalid
/// configuration throws a <see cref="Cake.Core.CakeException"/> listing the errors.</param>
/// <param name="LoadSpecs">Reads every spec the configuration points at.</param>
internal sealed record NotificationInputs(
    Func<string, IReadOnlyDictionary<string, string?>, (SpecCakeConfig Config, IReadOnlyCollection<string> Secrets)> LoadConfig,
    Func<SpecCakeConfig, IReadOnlyList<Spec>> LoadSpecs)
{
    /// <summary>INTERIM adapter, to be replaced by the foundation's loaders when the branches merge.</summary>
    public static NotificationInputs Interim { get; } = new(
        (path, _) => throw new NotSupportedException(
            $"Reading {path} needs the configuration loader of the foundation issue; connect NotificationInputs.Interim to it."),
        _ => throw new NotSupportedException(
            "Reading spec files needs the spec loader of the foundation issue; connect NotificationInputs.Interim to it."));
}
