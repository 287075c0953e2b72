using Cake.Core;
using Cake.Core.Annotations;
using SpecCake.Configuration;

namespace SpecCake.Aliases;

/// <summary>
/// SpecCake's Cake aliases: validate spec files, notify spec events, sync trackers.
/// Aliases only wire things together; the work lives in the feature folders.
/// </summary>
[CakeAliasCategory("SpecCake")]
public static class SpecCakeAliases
{
    /// <summary>
    /// Validates every spec file and <c>specs.config.yaml</c> from the working directory;
    /// the task fails on the first invalid file, listing every problem as <c>file:line:column: message</c>.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <example>
    /// <code>
    /// #addin nuget:?package=SpecCake&amp;loaddependencies=true
    ///
    /// Task("Specs").Does(() => ValidateSpecs());
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void ValidateSpecs(this ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ValidateSpecs(new ValidateSpecsSettings());
    }

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

    /// <summary>
    /// Sends <paramref name="eventName"/> for <paramref name="spec"/> to every enabled integration
    /// of <c>specs.config.yaml</c> in the working directory that subscribes to it.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="eventName">The snake_case event name, e.g. <c>implementation_failed</c>.</param>
    /// <param name="spec">The spec ID (<c>FEAT-0001</c>) or the path of its file.</param>
    /// <example>
    /// <code>
    /// Task("Implement")
    ///     .Does(() => { /* ... */ })
    ///     .OnError(exception => NotifySpecEvent("implementation_failed", "FEAT-0001"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void NotifySpecEvent(this ICakeContext context, string eventName, string spec)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        context.NotifySpecEvent(new NotifySpecEventSettings { Event = eventName, Spec = spec });
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
        NotificationTasks(context).Notify(settings);
    }

    /// <summary>
    /// Sends a clearly marked <c>[TEST]</c> message through every enabled integration (or those named
    /// in <see cref="TestIntegrationsSettings.Only"/>) and prints the same summary as NotifySpecEvent.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings.</param>
    /// <example><code>TestIntegrations(new TestIntegrationsSettings { Only = { "slack" } });</code></example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void TestIntegrations(this ICakeContext context, TestIntegrationsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        NotificationTasks(context).Test(settings);
    }

    internal static NotificationTaskRunner NotificationTasks(ICakeContext context) => new(NotificationInputs.Files, Host(context));

    /// <summary>What the running Cake gives a task: working directory, environment (completed from git), log, dry-run flag, clock.</summary>
    internal static NotificationHost Host(ICakeContext context) =>
        new(
            context.Environment.WorkingDirectory.FullPath,
            Events.GitFallback.Complete(
                CakeEnvironmentVariables.Read(context.Environment),
                context.Environment.WorkingDirectory.FullPath),
            new CakeDeliveryLog(context.Log),
            DryRunArguments.AnyIn(context.Arguments),
            TimeProvider.System);

    /// <summary>
    /// Mirrors every spec into every enabled tracker of <c>specs.config.yaml</c> in the working
    /// directory, idempotently.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <example>
    /// <code>
    /// Task("Trackers").IsDependentOn("Specs").Does(() => SyncTrackers());
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    public static void SyncTrackers(this ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SyncTrackers(new SyncTrackersSettings());
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
        SpecCake.Trackers.SyncTrackersRunner.Run(context, settings);
    }
}
