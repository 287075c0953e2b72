using Cake.Core;
using Cake.Core.Annotations;

namespace SpecCake.Aliases;

/// <summary>SpecCake's alias that finds spec events between two git refs and notifies them.</summary>
[CakeAliasCategory("SpecCake")]
public static class DetectSpecEventsAliases
{
    /// <summary>Finds <c>spec_created</c> and <c>spec_approved</c> between <see cref="DetectSpecEventsSettings.Base"/> and <see cref="DetectSpecEventsSettings.Head"/> and notifies them.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <example><code>DetectSpecEvents(new DetectSpecEventsSettings { Base = "origin/main" });</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void DetectSpecEvents(this ICakeContext context, DetectSpecEventsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        throw new NotImplementedException("DetectSpecEvents is being built in issue 6 (addin, event detection, CI).");
    }
}
