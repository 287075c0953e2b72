using SpecCake.Specs;

namespace SpecCake.Integrations.AzureDevOps;

/// <summary>
/// <c>System.State</c> per spec status. Defaults follow the Agile process: a draft or a spec in
/// review is not started (<c>New</c>), an approved spec is being worked on (<c>Active</c>), an
/// implemented one is done (<c>Closed</c>). <c>state_mappings</c> overrides any of them.
/// </summary>
internal static class AzureDevOpsStates
{
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["draft"] = "New",
        ["review"] = "New",
        ["approved"] = "Active",
        ["implemented"] = "Closed",
    };

    public static string StatusName(SpecStatus status) => status.ToString().ToLowerInvariant();

    public static string? For(SpecStatus status, IReadOnlyDictionary<string, string> mappings)
    {
        var name = StatusName(status);
        var state = mappings.TryGetValue(name, out var mapped) ? mapped : Defaults.GetValueOrDefault(name);
        return string.IsNullOrWhiteSpace(state) ? null : state.Trim();
    }
}
