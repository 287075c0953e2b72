using System.Text.Json;

namespace SpecCake.Aliases;

/// <summary>
/// Whether this run is GitHub Actions' for a pull request from a fork: GitHub passes such a run no
/// secrets, which is the one case where a missing secret is expected rather than a mistake.
/// </summary>
internal static class ForkPullRequest
{
    // The event file is GitHub's own; a few hundred KB at most. Anything unreadable is "not a fork".
    private const long MaxEventFileBytes = 4 * 1024 * 1024;

    /// <summary>True when <c>GITHUB_EVENT_NAME</c> is a pull request whose head repository is not its base repository.</summary>
    /// <param name="getVariable">Reads an environment variable.</param>
    public static bool IsCurrentRun(Func<string, string?> getVariable)
    {
        if (getVariable("GITHUB_EVENT_NAME") is not ("pull_request" or "pull_request_target")
            || getVariable("GITHUB_EVENT_PATH") is not { Length: > 0 } path)
        {
            return false;
        }

        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > MaxEventFileBytes)
            {
                return false;
            }

            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!json.RootElement.TryGetProperty("pull_request", out var pullRequest) || pullRequest.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var head = RepositoryName(pullRequest, "head");
            var baseName = RepositoryName(pullRequest, "base");
            // A deleted fork leaves head.repo null: still a fork's pull request.
            return baseName is not null && !string.Equals(head, baseName, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return false;
        }
    }

    private static string? RepositoryName(JsonElement pullRequest, string side) =>
        pullRequest.TryGetProperty(side, out var end) && end.ValueKind == JsonValueKind.Object
        && end.TryGetProperty("repo", out var repo) && repo.ValueKind == JsonValueKind.Object
        && repo.TryGetProperty("full_name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
}
