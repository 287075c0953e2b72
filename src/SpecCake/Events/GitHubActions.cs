namespace SpecCake.Events;

/// <summary>
/// What SpecCake reads from a GitHub Actions run's environment and writes to its job summary; one
/// rule each, whichever task asks.
/// </summary>
internal static class GitHubActions
{
    private const string DefaultServerUrl = "https://github.com";

    /// <summary>
    /// The repository's web URL, <c>GITHUB_SERVER_URL/GITHUB_REPOSITORY</c> (github.com when the
    /// server is not set); null unless <c>GITHUB_REPOSITORY</c> is an <c>owner/name</c>.
    /// </summary>
    /// <param name="environment">The environment variables.</param>
    public static string? RepositoryUrl(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return RepositoryReference.Parse(Get(environment, "GITHUB_REPOSITORY")) is { } repository
            ? $"{(Get(environment, "GITHUB_SERVER_URL") ?? DefaultServerUrl).TrimEnd('/')}/{repository}"
            : null;
    }

    /// <summary>
    /// Appends Markdown to the job summary (the file <c>GITHUB_STEP_SUMMARY</c> names) when running on
    /// GitHub Actions; elsewhere does nothing. The summary is a convenience: a file that cannot be
    /// written is the caller's warning, never its failure.
    /// </summary>
    /// <param name="variable">Reads an environment variable (null when unset).</param>
    /// <param name="markdown">The text, already masked.</param>
    /// <returns>Why the summary could not be written, or null.</returns>
    public static string? AppendStepSummary(Func<string, string?> variable, string markdown)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (!string.Equals(variable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase) ||
            variable("GITHUB_STEP_SUMMARY") is not { } summaryFile || string.IsNullOrWhiteSpace(summaryFile))
        {
            return null;
        }

        try
        {
            File.AppendAllText(summaryFile, markdown);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return error.Message;
        }
    }

    /// <summary>Reads a variable from a dictionary of them, for <see cref="AppendStepSummary"/>.</summary>
    /// <param name="environment">The environment variables.</param>
    public static Func<string, string?> Reader(IReadOnlyDictionary<string, string?> environment) =>
        name => environment.GetValueOrDefault(name);

    private static string? Get(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
