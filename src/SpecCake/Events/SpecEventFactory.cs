using System.Globalization;
using System.Text.RegularExpressions;
using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Events;

/// <summary>
/// Builds a <see cref="SpecEvent"/> from the NotifySpecEvent arguments, the specs and what GitHub
/// Actions' environment provides (docs/design/contract.md#values-from-the-environment): repository from <c>GITHUB_REPOSITORY</c>, PR URL
/// from <c>GITHUB_SERVER_URL</c> + repository + <c>--pr</c>, logs URL from <c>GITHUB_RUN_ID</c>,
/// branch from <c>GITHUB_HEAD_REF</c>/<c>GITHUB_REF_NAME</c>, spec ID from a <c>spec/&lt;id&gt;</c> branch.
/// </summary>
public static partial class SpecEventFactory
{

    /// <summary>Builds the event, or throws one <see cref="SpecEventArgumentException"/> naming every bad argument.</summary>
    /// <param name="arguments">The task arguments.</param>
    /// <param name="specs">Every spec that was loaded (looked up by ID or path).</param>
    /// <param name="environment">Environment variables (the GitHub Actions ones are used when present).</param>
    /// <param name="now">The event time.</param>
    /// <exception cref="SpecEventArgumentException">An argument is missing or invalid.</exception>
    public static SpecEvent Create(
        SpecEventArguments arguments,
        IReadOnlyCollection<Spec> specs,
        IReadOnlyDictionary<string, string?> environment,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(environment);

        var problems = new List<string>();
        var kind = ParseKind(arguments.Event, problems);
        var branch = FirstNonEmpty(arguments.Branch, Get(environment, "GITHUB_HEAD_REF"), Get(environment, "GITHUB_REF_NAME"));
        var spec = kind is SpecEventKind.ValidationFailed && arguments.Spec is null
            ? null
            : FindSpec(arguments.Spec, branch, specs, problems);

        if (arguments.Pr is <= 0)
        {
            problems.Add($"--pr must be a positive pull request number, not {arguments.Pr}.");
        }

        if (arguments.Duration is < 0 or double.NaN or double.PositiveInfinity)
        {
            problems.Add($"--duration must be a number of seconds, 0 or more, not {arguments.Duration?.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (problems.Count > 0 || kind is null)
        {
            throw new SpecEventArgumentException(problems);
        }

        var repository = RepositoryReference.Parse(Get(environment, "GITHUB_REPOSITORY"));
        var repositoryUrl = GitHubActions.RepositoryUrl(environment);

        return new SpecEvent
        {
            Kind = kind.Value,
            Timestamp = now.ToUniversalTime(),
            Spec = spec,
            PullRequest = PullRequest(arguments, repositoryUrl),
            Repository = repository,
            Error = Trimmed(arguments.Error),
            LogsUrl = Trimmed(arguments.LogsUrl) ?? RunUrl(repositoryUrl, Get(environment, "GITHUB_RUN_ID")),
            Branch = branch,
            Reviewers = Reviewers(arguments.Reviewers) is { Count: > 0 } given ? given : spec?.Reviewers ?? [],
            Duration = arguments.Duration is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            SpecUrl = spec is null || repositoryUrl is null
                ? null
                : FirstNonEmpty(branch, Get(environment, "GITHUB_SHA")) is { } revision
                    ? $"{repositoryUrl}/blob/{revision}/{spec.File.TrimStart('/')}"
                    : null,
        };
    }

    private static SpecEventKind? ParseKind(string? name, List<string> problems)
    {
        var valid = string.Join(", ", SpecEventKinds.AllNames);
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"--event is required; valid events: {valid}.");
            return null;
        }

        if (SpecEventKinds.TryParse(name.Trim().ToLowerInvariant(), out var kind))
        {
            return kind;
        }

        problems.Add($"--event {LogText.Quoted(name)} is not an event; valid events: {valid}.");
        return null;
    }

    private static Spec? FindSpec(string? given, string? branch, IReadOnlyCollection<Spec> specs, List<string> problems)
    {
        var known = specs.Count == 0
            ? "no spec files were found (check specs.paths)"
            : "known specs: " + string.Join(", ", specs.Select(spec => spec.Id).Order(StringComparer.Ordinal).Take(30)) +
              (specs.Count > 30 ? ", ..." : string.Empty);

        if (!string.IsNullOrWhiteSpace(given))
        {
            var found = ById(given.Trim(), specs) ?? ByPath(given.Trim(), specs);
            if (found is null)
            {
                problems.Add($"--spec {LogText.Quoted(given)} matches no spec ID or file; {known}.");
            }

            return found;
        }

        var fromBranch = branch is null ? null : SpecBranch().Match(branch);
        if (fromBranch is { Success: true })
        {
            var id = fromBranch.Groups["id"].Value;
            var found = ById(id, specs);
            if (found is null)
            {
                problems.Add($"--spec is absent and branch {LogText.Quoted(branch)} names spec {LogText.Quoted(id)}, which does not exist; {known}.");
            }

            return found;
        }

        problems.Add($"--spec is required (or run on a spec/<id> branch); {known}.");
        return null;
    }

    private static Spec? ById(string id, IReadOnlyCollection<Spec> specs) =>
        specs.FirstOrDefault(spec => string.Equals(spec.Id, id, StringComparison.OrdinalIgnoreCase));

    private static Spec? ByPath(string path, IReadOnlyCollection<Spec> specs)
    {
        var normalized = path.Replace('\\', '/');
        if (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return specs.FirstOrDefault(spec => string.Equals(spec.File, normalized, StringComparison.Ordinal))
            ?? specs.FirstOrDefault(spec =>
                spec.File.EndsWith("/" + normalized, StringComparison.Ordinal) ||
                normalized.EndsWith("/" + spec.File, StringComparison.Ordinal));
    }

    private static PullRequestReference? PullRequest(SpecEventArguments arguments, string? repositoryUrl)
    {
        var url = Trimmed(arguments.PrUrl);
        var number = arguments.Pr;
        if (number is null && url is not null && PullNumber().Match(url) is { Success: true } match)
        {
            number = int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        }

        if (number is null)
        {
            return null;
        }

        url ??= repositoryUrl is null ? null : $"{repositoryUrl}/pull/{number.Value.ToString(CultureInfo.InvariantCulture)}";
        return new PullRequestReference(number.Value, url);
    }

    /// <summary>The CI run's logs URL (<c>.../actions/runs/GITHUB_RUN_ID</c>), when known: what events carry as <c>logs_url</c>.</summary>
    internal static string? LogsUrl(IReadOnlyDictionary<string, string?> environment) =>
        RunUrl(GitHubActions.RepositoryUrl(environment), Get(environment, "GITHUB_RUN_ID"));

    private static string? RunUrl(string? repositoryUrl, string? runId) =>
        repositoryUrl is null || runId is null ? null : $"{repositoryUrl}/actions/runs/{runId}";

    private static List<string> Reviewers(IReadOnlyList<string> given) =>
        [.. given.SelectMany(entry => entry.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static string? Get(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) ? Trimmed(value) : null;

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? FirstNonEmpty(params string?[] values) => values.Select(Trimmed).FirstOrDefault(value => value is not null);

    [GeneratedRegex(@"^(?:refs/heads/)?spec/(?<id>[^/]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpecBranch();

    [GeneratedRegex(@"/pull/(?<number>\d{1,9})(?:[/?#]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PullNumber();
}
