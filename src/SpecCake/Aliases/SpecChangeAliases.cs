using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using SpecCake.Events;
using SpecCake.Integrations;
using SpecCake.Specs.Changes;
using SpecCake.Validation;

namespace SpecCake.Aliases;

/// <summary>
/// Spec events found in git history: new spec files and specs whose status became
/// <c>approved</c>, each sent through <see cref="SpecCakeAliases.NotifySpecEvent(ICakeContext, NotifySpecEventSettings)"/>.
/// </summary>
[CakeAliasCategory("SpecCake")]
public static class SpecChangeAliases
{
    /// <summary>
    /// Finds <c>spec_created</c> and <c>spec_approved</c> between <see cref="DetectSpecEventsSettings.Base"/>
    /// and <see cref="DetectSpecEventsSettings.Head"/>,
    /// and notifies each one. The repository is the one that holds the config file, whose
    /// <c>specs.paths</c> globs name the spec files. A spec added already approved yields both events; renames and
    /// deletions are not creations.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="settings">The settings; <see cref="DetectSpecEventsSettings.Base"/> is required.</param>
    /// <returns>The detected events, in the order they were notified.</returns>
    /// <exception cref="SpecChangeDetectionException">A ref is missing from the clone (the message says what to fetch), or git failed.</exception>
    /// <example>
    /// <code>
    /// Task("SpecEvents").Does(() =>
    /// {
    ///     var events = DetectSpecEvents(new DetectSpecEventsSettings
    ///     {
    ///         Base = Argument&lt;string&gt;("base"),
    ///         Head = Argument("head", "HEAD"),
    ///     });
    ///     Information("{0} spec event(s)", events.Count);
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    [CakeNamespaceImport("SpecCake.Specs.Changes")]
    public static IReadOnlyList<DetectedSpecEvent> DetectSpecEvents(this ICakeContext context, DetectSpecEventsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Base))
        {
            // A missing task argument, not a programming error: one plain line, no parameter name.
            throw new CakeException("DetectSpecEvents needs --base=<git ref>: the commit before the change (on a push: github.event.before).");
        }

        var head = string.IsNullOrWhiteSpace(settings.Head) ? "HEAD" : settings.Head;
        if (SpecChangeDetector.IsNullCommit(settings.Base))
        {
            // GitHub sends all zeros as "before" when a branch is created: there is nothing to compare with.
            context.Log.Warning("--base is the null commit (a new branch): no base to compare with, no spec events detected.");
            return [];
        }

        var configFile = (settings.ConfigFile ?? new FilePath("specs.config.yaml")).MakeAbsolute(context.Environment);
        // The repository is the one holding the config: its spec globs are relative to the config's folder.
        var globs = SpecPathsReader.Read(configFile.FullPath);
        var repository = GitRepository.Discover(configFile.GetDirectory().FullPath);
        var specFiles = new SpecPathGlob(globs, repository.Prefix, configFile.GetFilename().FullPath);

        var events = new SpecChangeDetector(repository, specFiles).Detect(settings.Base, head);
        // Refs come from the workflow and IDs and paths from the repository: guarded, never format strings.
        context.Log.InformationLine(
            events.Count == 0
                ? $"No spec events between {LogText.Escaped(settings.Base)} and {LogText.Escaped(head)}."
                : $"{events.Count} spec event(s) between {LogText.Escaped(settings.Base)} and {LogText.Escaped(head)}:");
        foreach (var detected in events)
        {
            context.Log.InformationLine($"  {LogText.Escaped(detected.ToString())}");
        }

        WriteApprovedSpecs(context, events);
        RequireSecrets(context, configFile, events, settings.DryRun);
        foreach (var detected in events)
        {
            context.NotifySpecEvent(new NotifySpecEventSettings
            {
                ConfigFile = configFile,
                Event = detected.Event.ToName(),
                Spec = detected.SpecId,
                DryRun = settings.DryRun,
            });
        }

        return events;
    }

    /// <summary>
    /// Before anything is sent, the secrets of every integration the events found will use (and
    /// only those): a missing one stops the task before the first event rather than after it.
    /// </summary>
    private static void RequireSecrets(ICakeContext context, FilePath configFile, IReadOnlyList<DetectedSpecEvent> events, bool? dryRun)
    {
        if (events.Count == 0)
        {
            return;
        }

        var host = SpecCakeAliases.Host(context);
        var loaded = ProjectInputs.LoadConfig(configFile.FullPath, host.Environment, host.Log);
        var need = IntegrationNeed.ForEvents(loaded.Config, events.Select(detected => detected.Event), withSpec: true);
        ProjectInputs.RequireSecrets(loaded, need, "DetectSpecEvents", dryRun ?? host.DryRun, host.Log);
    }

    /// <summary>
    /// In GitHub Actions, the specs that became approved as the step output <c>approved_specs</c>, a
    /// JSON list (<c>["FEAT-0001"]</c>, <c>[]</c> when none), so a later job can run ImplementSpec
    /// for each (<c>fromJSON(needs.detect.outputs.approved_specs)</c>). JSON-escaped: an ID read from
    /// a file cannot add a line (another output) of its own.
    /// </summary>
    private static void WriteApprovedSpecs(ICakeContext context, IReadOnlyList<DetectedSpecEvent> events)
    {
        if (!string.Equals(context.Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase)
            || context.Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is not { Length: > 0 } outputFile)
        {
            return;
        }

        var approved = new System.Text.Json.Nodes.JsonArray();
        foreach (var id in events.Where(detected => detected.Event == SpecEventKind.SpecApproved).Select(detected => detected.SpecId).Distinct(StringComparer.Ordinal))
        {
            approved.Add((System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(id));
        }

        try
        {
            File.AppendAllText(outputFile, $"approved_specs={approved.ToJsonString()}\n");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Log.WarningLine($"Could not write the step output approved_specs: {LogText.Escaped(exception.Message)}");
        }
    }

    /// <summary>
    /// Finds and notifies the spec events between <paramref name="baseRef"/> and <c>HEAD</c>,
    /// reading <c>specs.config.yaml</c> from the working directory.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="baseRef">The commit before the change.</param>
    /// <returns>The detected events.</returns>
    /// <example>
    /// <code>
    /// Task("SpecEvents").Does(() => DetectSpecEvents(Argument&lt;string&gt;("base")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeNamespaceImport("SpecCake.Aliases")]
    [CakeNamespaceImport("SpecCake.Specs.Changes")]
    public static IReadOnlyList<DetectedSpecEvent> DetectSpecEvents(this ICakeContext context, string baseRef)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseRef);
        return context.DetectSpecEvents(new DetectSpecEventsSettings { Base = baseRef });
    }
}
