using SpecCake.Checks;
using SpecCake.Configuration;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Linear;

/// <summary>Linear (<c>LINEAR_API_KEY</c>): specs mirrored into issues of <c>team_id</c>.</summary>
internal sealed class LinearIntegration : IntegrationDescriptor<LinearOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "linear";

    /// <summary>The personal API key.</summary>
    public static readonly SecretVariable ApiKey = new("LINEAR_API_KEY", "personal API key");

    public static LinearIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        team_id: "TEAM_ID"               # Linear Settings → Teams: the ID in the team's URL
        labels:
          - "spec"
          - "automated"
        state_mappings:
          draft: "Backlog"
          review: "In Review"
          approved: "Todo"
          implemented: "Done"
        """;

    public override IntegrationKind Kind => IntegrationKind.Tracker;

    public override IReadOnlyList<string> Settings => ["team_id", "labels", "state_mappings"];

    public override IReadOnlyList<SecretVariable> Variables => [ApiKey];

    protected override LinearOptions BindOptions(ConfigBlock block) => new()
    {
        TeamId = block.Text("team_id"),
        Labels = block.Strings("labels") ?? [],
        StateMappings = block.Map("state_mappings"),
    };

    public override void CheckSettings(IntegrationBlock block) => block.RequireSetting("team_id", "the Linear team ID (Linear Settings → Teams)");

    protected override void CheckSecrets(LinearOptions options, SecretCheck check) => check.Require(ApiKey);

    protected override ITracker CreateTracker(LinearOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask) =>
        new LinearTracker(options, environment, syncOptions, mask);

    protected override IReadOnlyList<IIntegrationCheck> Checks(LinearOptions options) => LinearChecks.For(options);
}
