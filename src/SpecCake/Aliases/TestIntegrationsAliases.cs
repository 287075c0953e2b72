using Cake.Core;
using Cake.Core.Annotations;

namespace SpecCake.Aliases;

/// <summary>SpecCake's alias for step 4 of the guide's quick setup: a test message through each integration.</summary>
[CakeAliasCategory("SpecCake")]
public static class TestIntegrationsAliases
{
    /// <summary>Sends a clearly marked test message through every enabled integration (or those in <see cref="TestIntegrationsSettings.Only"/>).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <example><code>TestIntegrations(new TestIntegrationsSettings { Only = ["slack"] });</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void TestIntegrations(this ICakeContext context, TestIntegrationsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        throw new NotImplementedException("TestIntegrations is being built in issue 3 (NotifySpecEvent).");
    }
}
