using System.Globalization;
using System.Text;
using SpecCake.Events;

namespace SpecCake.Integrations.Sentry;

/// <summary>
/// What SpecCake reports to Sentry for one event, before the SDK turns it into an envelope:
/// level, environment, message, tags and a fingerprint of spec and event so that repeats of
/// one failure group into one issue.
/// </summary>
internal sealed record SentryReport
{
    // https://docs.sentry.io/platforms/dotnet/enriching-events/tags/: "Tag keys have a maximum length
    // of 32 characters ... Tag values have a maximum length of 200 characters and they cannot contain
    // the newline character." https://develop.sentry.dev/sdk/data-model/event-payloads/message/: the
    // formatted message is cut at 8192 characters. Counted in UTF-16 units, never fewer than Sentry's characters.
    internal const int MaxTagValue = 200;
    internal const int MaxMessage = 8192;

    // https://develop.sentry.dev/sdk/data-handling/#variable-size: "Extra contextual data is limited to
    // 4096 characters"; a longer value is trimmed there.
    internal const int MaxExtraValue = 4096;

    public required string Level { get; init; }

    public string? Environment { get; init; }

    public required string Message { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; }

    public required IReadOnlyList<string> Fingerprint { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// Failures are <c>error</c>; any other event listed in <c>report_on</c> and test messages are
    /// <c>info</c>, so a success never shows up as an error in Sentry.
    /// </summary>
    public static SentryReport For(SpecEvent specEvent, SentryOptions options)
    {
        ArgumentNullException.ThrowIfNull(specEvent);
        var tags = new List<KeyValuePair<string, string>>();
        if (specEvent.Spec is { } spec)
        {
            tags.Add(new("spec_id", Tag(spec.Id)));
        }

        tags.Add(new("event", specEvent.Name));
        if (specEvent.Repository is { } repository)
        {
            tags.Add(new("repository", Tag(repository.ToString())));
        }

        if (specEvent.Branch is { } branch)
        {
            tags.Add(new("branch", Tag(branch)));
        }

        var extra = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                extra.Add(new(key, value));
            }
        }

        Add("title", specEvent.Spec?.Title is { } title ? TextLimit.Clean(title) : null);
        Add("file", specEvent.Spec?.File);
        Add("pr_number", specEvent.PullRequest?.Number.ToString(CultureInfo.InvariantCulture));
        Add("pr_url", Link(specEvent.PullRequest?.Url));
        Add("logs_url", Link(specEvent.LogsUrl));
        Add("spec_url", Link(specEvent.SpecUrl));
        Add("duration_seconds", specEvent.Duration?.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        if (specEvent.ValidationErrors.Count > 0)
        {
            Add("validation_errors", string.Join("\n", specEvent.ValidationErrors.Take(50).Select(error => error.ToString())));
        }

        return new SentryReport
        {
            Level = !specEvent.IsTest && specEvent.Kind.IsFailure() ? "error" : "info",
            Environment = string.IsNullOrWhiteSpace(options.Environment) ? null : options.Environment.Trim(),
            Message = specEvent.IsTest ? "[TEST] SpecCake test message: Sentry is set up." : TextLimit.Truncate(Incident.Summary(specEvent), MaxMessage),
            Tags = tags,
            Fingerprint = [specEvent.IsTest ? "speccake-test" : specEvent.Spec?.Id ?? "validation", specEvent.Name],
            Extra = extra,
            Timestamp = specEvent.Timestamp,
        };
    }

    /// <summary>An address whole, or a note that it was left out: Sentry trims a longer extra value, and half an address leads nowhere.</summary>
    private static string? Link(string? url) =>
        url is null || url.Length <= MaxExtraValue ? url : string.Create(CultureInfo.InvariantCulture, $"(left out: {url.Length:N0} characters, more than Sentry keeps)");

    private static string Tag(string value) => TextLimit.Truncate(TextLimit.SingleLine(value), MaxTagValue);

    /// <summary>The dry-run description (the DSN is written as <c>***</c> by the caller).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("level: ").Append(Level).Append('\n');
        if (Environment is not null)
        {
            text.Append("environment: ").Append(Environment).Append('\n');
        }

        text.Append("message: ").Append(Message).Append('\n');
        text.Append("tags: ").AppendJoin(", ", Tags.Select(tag => $"{tag.Key}={tag.Value}")).Append('\n');
        text.Append("fingerprint: [").AppendJoin(", ", Fingerprint).Append("]\n");
        foreach (var (key, value) in Extra)
        {
            text.Append("extra.").Append(key).Append(": ").Append(value).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
