using System.Text.Json.Nodes;
using SpecCake.Checks;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Trackers;

namespace SpecCake.Integrations;

/// <summary>What an integration does for a spec event: tell people, or mirror the spec into a tracker.</summary>
internal enum IntegrationKind
{
    /// <summary>A notification service (Slack, PagerDuty, webhooks, ...): sends events it subscribes to.</summary>
    Notification,

    /// <summary>A tracker (Jira, Linear, ...): SyncTrackers mirrors specs into it; some events update it.</summary>
    Tracker,
}

/// <summary>
/// Everything SpecCake knows about one integration, kept in the integration's own folder: its key
/// in <c>specs.config.yaml</c>, how its block binds to options, the settings and environment
/// variables it needs (and how a missing one is worded), the formats its values must have, the
/// destinations it sends to and the events each hears, and its notifier or tracker. Registered
/// with one line in <see cref="IntegrationCatalog"/>; nothing outside its folder names its key or
/// its variables. Configuration loading, the tasks (which secrets does this task need?), the
/// delivery engine and tracker sync all ask the descriptors.
/// </summary>
internal abstract class IntegrationDescriptor
{
    /// <summary>The block's key under <c>integrations:</c>, e.g. <c>slack</c>; the summary and <c>--only</c> use it.</summary>
    public abstract string Key { get; }

    /// <summary>Notification or tracker.</summary>
    public abstract IntegrationKind Kind { get; }

    /// <summary>
    /// The block Init writes for it into a new <c>specs.config.yaml</c>, without its key line, indented
    /// from column 0: its documented block (docs/design/integrations.md#configuration-blocks), enabled, with a setting that is one of its secrets written
    /// as <c>${NAME}</c>. It must validate (a test holds every one to that).
    /// </summary>
    public abstract string SetupBlock { get; }

    /// <summary>The options record the block binds to.</summary>
    public abstract Type OptionsType { get; }

    /// <summary>The block's keys besides <c>enabled</c> and <c>api_url</c>; the schema lists the same.</summary>
    public abstract IReadOnlyList<string> Settings { get; }

    /// <summary>Every environment variable the integration reads, credentials first.</summary>
    public abstract IReadOnlyList<SecretVariable> Variables { get; }

    /// <summary>The notifier, for a notification integration.</summary>
    public virtual INotifier? Notifier => null;

    /// <summary>
    /// Whether values that <c>${VAR}</c> puts into the block are credentials whatever the variable is
    /// called (webhook header values and HMAC secrets); otherwise only variables named like one are.
    /// </summary>
    public virtual bool InterpolatedValuesAreCredentials => false;

    /// <summary>Binds the block (validated, interpolated) to its options; absent keys keep the record's defaults.</summary>
    public abstract IntegrationOptions Bind(ConfigBlock block);

    /// <summary>The bound options of this integration in <paramref name="config"/>, when its block is present.</summary>
    public IntegrationOptions? OptionsIn(SpecCakeConfig config) => config.Integrations.Get(OptionsType);

    /// <summary>Whether the block is present with <c>enabled: true</c>.</summary>
    public bool IsEnabled(SpecCakeConfig config) => OptionsIn(config) is { Enabled: true };

    /// <summary>Settings it cannot work without when enabled, checked on the file so errors point at the line.</summary>
    public virtual void CheckSettings(IntegrationBlock block)
    {
    }

    /// <summary>Formats of values (URLs, addresses, header names), checked whether or not it is enabled.</summary>
    public virtual void CheckFormats(IntegrationBlock block)
    {
    }

    /// <summary>The environment variables it needs with these options: each missing or unusable one a problem.</summary>
    public abstract void CheckSecrets(IntegrationOptions options, SecretCheck check);

    /// <summary>The secret problems of these options in this environment, worded as everywhere else.</summary>
    public IReadOnlyList<SecretProblem> SecretProblems(IntegrationOptions options, Func<string, string?> environment)
    {
        var check = new SecretCheck(Key, environment);
        CheckSecrets(options, check);
        return check.Problems;
    }

    /// <summary>Where it sends, each with the events it hears (test messages are heard by all).</summary>
    public abstract IReadOnlyList<IntegrationTarget> Targets(IntegrationOptions options);

    /// <summary>
    /// The destination a value at <paramref name="path"/> (keys and indexes inside the block) belongs to,
    /// e.g. one webhook endpoint's <c>webhooks/&lt;name&gt;</c>; null when it belongs to the whole integration.
    /// </summary>
    public virtual string? TargetAt(IReadOnlyList<string> path, JsonObject block) => null;

    /// <summary>Values written in the block that are credentials (HMAC secrets, header values), to mask.</summary>
    public virtual IEnumerable<string> WrittenCredentials(JsonObject block) => [];

    /// <summary>Creates the tracker, for a tracker integration.</summary>
    public virtual ITracker CreateTracker(IntegrationOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask) =>
        throw new NotSupportedException($"{Key} is not a tracker.");

    /// <summary>
    /// CheckIntegrations' read-only checks of the service with these options, run in order once its
    /// secrets are known to be set (that check, <see cref="SecretProblems"/>, is everyone's and comes first).
    /// </summary>
    public virtual IReadOnlyList<IIntegrationCheck> Checks(IntegrationOptions options) => [];
}

/// <summary>A descriptor over its own options record, so each integration's code is typed.</summary>
/// <typeparam name="TOptions">The options record.</typeparam>
internal abstract class IntegrationDescriptor<TOptions> : IntegrationDescriptor
    where TOptions : IntegrationOptions
{
    public sealed override Type OptionsType => typeof(TOptions);

    public sealed override IntegrationOptions Bind(ConfigBlock block) => BindOptions(block);

    public sealed override void CheckSecrets(IntegrationOptions options, SecretCheck check) => CheckSecrets((TOptions)options, check);

    public sealed override IReadOnlyList<IntegrationTarget> Targets(IntegrationOptions options) => Targets((TOptions)options);

    public sealed override ITracker CreateTracker(IntegrationOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask) =>
        CreateTracker((TOptions)options, environment, syncOptions, mask);

    public sealed override IReadOnlyList<IIntegrationCheck> Checks(IntegrationOptions options) => Checks((TOptions)options);

    /// <summary>The options of <paramref name="config"/>, typed.</summary>
    public TOptions? In(SpecCakeConfig config) => config.Integrations.Get<TOptions>();

    /// <summary>Throws the tracker's failure when a secret it needs is missing or unusable (the same words as the configuration check).</summary>
    /// <exception cref="TrackerException">A problem; every one is named.</exception>
    public void RequireSecrets(TOptions options, IReadOnlyDictionary<string, string?> environment)
    {
        var problems = SecretProblems(options, name => environment.GetValueOrDefault(name));
        if (problems.Count > 0)
        {
            throw new TrackerException(string.Join("; ", problems.Select(problem => problem.Message)));
        }
    }

    protected abstract TOptions BindOptions(ConfigBlock block);

    protected abstract void CheckSecrets(TOptions options, SecretCheck check);

    protected virtual IReadOnlyList<IntegrationTarget> Targets(TOptions options) =>
        Kind == IntegrationKind.Tracker ? [IntegrationTarget.Tracker(Key)] : [new IntegrationTarget(Key, _ => true)];

    protected virtual ITracker CreateTracker(TOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask) =>
        throw new NotSupportedException($"{Key} is not a tracker.");

    protected virtual IReadOnlyList<IIntegrationCheck> Checks(TOptions options) => [];
}

/// <summary>One destination of an integration (its summary row): the integration itself, or a webhook endpoint.</summary>
/// <param name="Name">The summary name, e.g. <c>slack</c> or <c>webhooks/analytics</c>.</param>
/// <param name="Hears">Whether an event of this kind goes there.</param>
internal sealed record IntegrationTarget(string Name, Func<SpecEventKind, bool> Hears)
{
    /// <summary>A destination that hears the events in <paramref name="events"/>.</summary>
    public static IntegrationTarget Subscribed(string name, IReadOnlyCollection<SpecEventKind> events) => new(name, events.Contains);

    /// <summary>A tracker: the events that update trackers reach it.</summary>
    public static IntegrationTarget Tracker(string name) => new(name, TrackerSync.DrivesTrackers);
}
