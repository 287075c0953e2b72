namespace SpecCake.AddinTests;

/// <summary>
/// The command line of docs/design/contract.md#command-line: what a workflow or a README snippet may pass to
/// <c>./build.sh</c> or <c>dotnet speccake</c>. Changing it means changing the contract, the README and this list together.
/// </summary>
internal static class CommandLineVocabulary
{
    public static readonly IReadOnlySet<string> Targets = new HashSet<string>(StringComparer.Ordinal)
    {
        "Default", "ValidateSpecs", "NotifySpecEvent", "SyncTrackers", "DetectSpecEvents", "TestIntegrations", "ImplementSpec",
        "Init", "CheckIntegrations",
    };

    public static readonly IReadOnlySet<string> Options = new HashSet<string>(StringComparer.Ordinal)
    {
        // host options
        "target", "t", "verbosity", "v", "dryrun", "noop", "whatif", "exclusive", "e", "description", "tree",
        "working", "w", "version", "info", "help",
        // task arguments
        "config", "event", "spec", "pr", "pr-url", "branch", "error", "logs-url", "reviewers", "duration",
        "base", "head", "only", "force", "restart", "integrations", "agent",
    };

    public static readonly IReadOnlySet<string> Events = new HashSet<string>(StringComparer.Ordinal)
    {
        "spec_created", "spec_approved", "implementation_started", "implementation_completed",
        "implementation_failed", "pr_created", "pr_merged", "validation_failed",
    };
}
