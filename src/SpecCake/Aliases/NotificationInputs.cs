using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Specs;

namespace SpecCake.Aliases;

/// <summary>
/// What the notification tasks need from the foundation (configuration and spec loading), as a
/// seam so the runner can be tested without files.
/// </summary>
/// <param name="LoadConfig">Reads, validates and interpolates the configuration file (full path, environment,
/// the log its errors go to); returns it with every extra value to mask and the secrets that are not set.
/// Invalid configuration throws a <see cref="Cake.Core.CakeException"/> after logging the errors.</param>
/// <param name="LoadSpecs">Reads every spec the configuration points at.</param>
internal sealed record NotificationInputs(
    Func<string, IReadOnlyDictionary<string, string?>, IDeliveryLog, LoadedConfig> LoadConfig,
    Func<SpecCakeConfig, IReadOnlyList<Spec>> LoadSpecs)
{
    /// <summary>The configuration file and spec files on disk.</summary>
    public static NotificationInputs Files { get; } = new(ProjectInputs.LoadConfig, ProjectInputs.LoadSpecs);
}
