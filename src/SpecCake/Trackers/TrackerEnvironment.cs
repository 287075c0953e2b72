using SpecCake.Events;

namespace SpecCake.Trackers;

/// <summary>Reads the environment values trackers use, treating empty as unset.</summary>
internal static class TrackerEnvironment
{
    public static string? Get(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>
    /// The spec file's stable web URL: the default branch (<c>HEAD</c>), not a commit or the current
    /// branch, so it is the same on every run and can serve as the spec's marker.
    /// </summary>
    public static string? SpecFileUrl(IReadOnlyDictionary<string, string?> environment, string specFile) =>
        GitHubActions.RepositoryUrl(environment) is { } repository ? repository + "/blob/HEAD/" + specFile.TrimStart('/') : null;

    /// <summary>Joins a base URL and a path without doubling or dropping the slash.</summary>
    public static string Join(string baseUrl, string path) => baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
