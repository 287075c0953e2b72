using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Events;

/// <summary>
/// One spec lifecycle event, as every integration receives it: what happened, to which spec,
/// where (repository, branch, pull request) and, for failures, why. Immutable; build it with
/// <see cref="SpecEventFactory"/> from task arguments, or with <see cref="ValidationFailed"/>.
/// </summary>
public sealed record SpecEvent
{
    /// <summary>What happened.</summary>
    public required SpecEventKind Kind { get; init; }

    /// <summary>When it happened, in UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The spec concerned; null for <c>validation_failed</c> and test messages.</summary>
    public Spec? Spec { get; init; }

    /// <summary>The pull request, when there is one.</summary>
    public PullRequestReference? PullRequest { get; init; }

    /// <summary>The repository (from <c>GITHUB_REPOSITORY</c>), when known.</summary>
    public RepositoryReference? Repository { get; init; }

    /// <summary><c>--error</c>: the failure text.</summary>
    public string? Error { get; init; }

    /// <summary><c>--logs-url</c>, or the GitHub Actions run URL.</summary>
    public string? LogsUrl { get; init; }

    /// <summary>The branch the work happens on.</summary>
    public string? Branch { get; init; }

    /// <summary>Requested reviewers (<c>--reviewers</c>, else the spec's).</summary>
    public IReadOnlyList<string> Reviewers { get; init; } = [];

    /// <summary><c>--duration</c>: how long the implementation took.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The spec file on the forge (<c>{server}/{owner}/{repo}/blob/{branch or sha}/{file}</c>), when known.</summary>
    public string? SpecUrl { get; init; }

    /// <summary>For <c>validation_failed</c>: every problem found.</summary>
    public IReadOnlyList<ValidationError> ValidationErrors { get; init; } = [];

    /// <summary>For <c>validation_failed</c>: the files that were checked and found invalid.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>
    /// A TestIntegrations message: every enabled integration receives it whatever it subscribed
    /// to, and every channel marks it <c>[TEST]</c>.
    /// </summary>
    public bool IsTest { get; init; }

    /// <summary>
    /// The wire name: the snake_case name of <see cref="Kind"/> (e.g. <c>implementation_failed</c>),
    /// or <c>test</c> for a TestIntegrations message so no receiver mistakes it for a real event.
    /// </summary>
    public string Name => IsTest ? TestEventName : Kind.ToName();

    /// <summary>The wire name of a TestIntegrations message.</summary>
    public const string TestEventName = "test";

    /// <summary>
    /// The event ValidateSpecs sends when specs or config are invalid: the errors, the files they
    /// were found in and the repository.
    /// </summary>
    /// <param name="errors">Every problem found; at least one.</param>
    /// <param name="repository">The repository, when known.</param>
    /// <param name="timestamp">When validation ran; now when null.</param>
    public static SpecEvent ValidationFailed(
        IReadOnlyList<ValidationError> errors,
        RepositoryReference? repository = null,
        DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new SpecEvent
        {
            Kind = SpecEventKind.ValidationFailed,
            Timestamp = (timestamp ?? DateTimeOffset.UtcNow).ToUniversalTime(),
            Repository = repository,
            ValidationErrors = errors,
            Files = [.. errors.Select(error => error.File).Distinct(StringComparer.Ordinal)],
            Error = errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} validation errors",
        };
    }

    /// <summary>The TestIntegrations message (docs/design/contract.md#task-arguments): clearly marked, sent to every enabled integration.</summary>
    /// <param name="repository">The repository, when known.</param>
    /// <param name="timestamp">When; now when null.</param>
    public static SpecEvent Test(RepositoryReference? repository = null, DateTimeOffset? timestamp = null) => new()
    {
        // A neutral kind: the message says what it is; subscription is bypassed by IsTest.
        Kind = SpecEventKind.SpecCreated,
        Timestamp = (timestamp ?? DateTimeOffset.UtcNow).ToUniversalTime(),
        Repository = repository,
        IsTest = true,
    };
}

/// <summary>A pull request: its number and web URL.</summary>
/// <param name="Number">The number, e.g. 42.</param>
/// <param name="Url">The web URL, when known.</param>
public sealed record PullRequestReference(int Number, string? Url)
{
    /// <summary>The link's title as shown in trackers, e.g. <c>PR #42</c>.</summary>
    public string Title => "PR #" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A repository on the forge.</summary>
/// <param name="Owner">The owner (user or organisation).</param>
/// <param name="Name">The repository name.</param>
public sealed record RepositoryReference(string Owner, string Name)
{
    /// <summary><c>owner/name</c>.</summary>
    public override string ToString() => $"{Owner}/{Name}";

    /// <summary>Parses <c>owner/name</c> (the form of <c>GITHUB_REPOSITORY</c>); null when it is not that form.</summary>
    /// <param name="value">The text.</param>
    public static RepositoryReference? Parse(string? value)
    {
        var parts = value?.Trim().Split('/');
        return parts is [{ Length: > 0 } owner, { Length: > 0 } name] ? new RepositoryReference(owner, name) : null;
    }
}
