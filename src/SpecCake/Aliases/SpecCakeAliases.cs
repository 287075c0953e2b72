using Cake.Core;
using Cake.Core.Annotations;

namespace SpecCake.Aliases;

/// <summary>
/// SpecCake's Cake aliases: validate spec files, notify spec events, sync trackers.
/// Aliases only wire things together; the work lives in the feature folders.
/// </summary>
[CakeAliasCategory("SpecCake")]
public static class SpecCakeAliases
{
    /// <summary>Validates every spec file and <c>specs.config.yaml</c>.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <example><code>ValidateSpecs(new ValidateSpecsSettings { ConfigFile = "specs.config.yaml" });</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void ValidateSpecs(this ICakeContext context, ValidateSpecsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        SpecValidationRun.Run(context, settings);
    }

    /// <summary>Sends a spec event to every enabled integration subscribed to it.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <example><code>NotifySpecEvent(new NotifySpecEventSettings { Event = "implementation_failed", Spec = "FEAT-0001" });</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void NotifySpecEvent(this ICakeContext context, NotifySpecEventSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        throw new NotImplementedException("NotifySpecEvent is being built in the NotifySpecEvent issue.");
    }

    /// <summary>Mirrors every spec into every enabled tracker, idempotently.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <example><code>SyncTrackers(new SyncTrackersSettings());</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void SyncTrackers(this ICakeContext context, SyncTrackersSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        throw new NotImplementedException("SyncTrackers is being built in the SyncTrackers issue.");
    }
}
