using Cake.Core;
using Cake.Core.Annotations;
using SpecCake.Checks;

namespace SpecCake.Aliases;

/// <summary>
/// Setting SpecCake up in a repository and checking the setup: <c>Init</c> writes what is missing
/// (the configuration, a sample spec, the workflow, the schemas, the launchers) and says which
/// secrets to add; <c>CheckIntegrations</c> checks every enabled integration against its live
/// service, read-only, and says how to fix what is wrong.
/// </summary>
[CakeAliasCategory("SpecCake")]
public static class SetupAliases
{
    /// <summary>
    /// Checks every enabled integration of <c>specs.config.yaml</c> against its live service with the
    /// configured credentials, read-only (nothing is posted, created, updated or transitioned), and
    /// prints a table: integration, check, result, how to fix. Fails when any check fails.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <example>
    /// <code>
    /// Task("Check").Does(() => CheckIntegrations());
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void CheckIntegrations(this ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CheckIntegrations(new CheckIntegrationsSettings());
    }

    /// <summary>Checks the enabled integrations (or those in <see cref="CheckIntegrationsSettings.Only"/>) against their live services, read-only.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <exception cref="CakeException">A check failed, a name in <c>--only</c> is unknown, or the configuration is invalid.</exception>
    /// <example><code>CheckIntegrations(new CheckIntegrationsSettings { Only = { "jira" } });</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void CheckIntegrations(this ICakeContext context, CheckIntegrationsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        Run(context, settings);
    }

    /// <summary>
    /// Sets SpecCake up in the repository of the working directory with <paramref name="integrations"/>
    /// enabled: writes what is missing, never overwriting, and lists the secrets to add.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="integrations">The integrations' keys, e.g. <c>slack</c>, <c>jira</c>.</param>
    /// <example><code>Task("Setup").Does(() => Init("slack", "jira", "webhooks"));</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void Init(this ICakeContext context, params string[] integrations)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(integrations);
        context.Init(new InitSettings { Integrations = integrations });
    }

    /// <summary>
    /// Sets SpecCake up in the repository of the working directory with the integrations in
    /// <see cref="InitSettings.Integrations"/>: writes what is missing (<c>specs.config.yaml</c>, a sample
    /// spec, <c>.github/workflows/specs.yml</c>, the JSON Schemas, the launchers), never overwriting
    /// anything, then prints one <c>gh secret set</c> line per secret they need and the next steps.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <exception cref="CakeException">An unknown integration or agent.</exception>
    /// <example><code>Init(new InitSettings { Integrations = { "slack", "jira" }, Agent = "claude-code" });</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void Init(this ICakeContext context, InitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var host = SpecCakeAliases.Host(context);
        new InitTaskRunner(host.WorkingDirectory, host.Log, host.DryRun).Run(settings);
    }

    internal static CheckReport Run(ICakeContext context, CheckIntegrationsSettings settings) =>
        new CheckIntegrationsTaskRunner(NotificationInputs.Files, SpecCakeAliases.Host(context)).Run(settings);
}
