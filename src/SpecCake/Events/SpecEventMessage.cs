using System.Globalization;
using SpecCake.Integrations;

namespace SpecCake.Events;

/// <summary>
/// What a human-facing channel (Slack, Teams, Discord, email) says about an event, before any
/// channel's formatting: the message examples of docs/design/integrations.md#message-examples as data. Every channel renders this one
/// model, so they never disagree about the content.
/// </summary>
public sealed record SpecEventMessage
{
    /// <summary>The emoji that opens the title, e.g. ❌.</summary>
    public required string Emoji { get; init; }

    /// <summary>The title without emoji, e.g. <c>Spec Implementation Failed</c>.</summary>
    public required string Headline { get; init; }

    /// <summary>Whether the event reports success, failure or neither (drives colours and mentions).</summary>
    public required MessageTone Tone { get; init; }

    /// <summary>The facts, in the order of docs/design/integrations.md#message-examples: ID, Title, Branch, PR, reviewers, Error, Logs.</summary>
    public required IReadOnlyList<MessageFact> Facts { get; init; }

    /// <summary>The buttons or links: View PR, View Spec, View Logs (only those known).</summary>
    public required IReadOnlyList<MessageLink> Links { get; init; }

    /// <summary><c>{Emoji} {Headline}</c>.</summary>
    public string Title => $"{Emoji} {Headline}";

    /// <summary>The plain-text form: title, then one <c>• Label: value</c> line per fact.</summary>
    public string ToPlainText() =>
        Title + string.Concat(Facts.Select(fact => "\n• " + fact.Label + ": " + (fact.Url is null ? fact.Text : $"{fact.Text} ({fact.Url})")));

    /// <summary>
    /// The facts that may be shortened to fit a service's limit, least important first: the error
    /// text, then reviewers, branch, repository and title. The event, ID, PR, duration and logs link
    /// are short and are what a reader acts on, so they are kept whole.
    /// </summary>
    private static readonly string[] CutOrder = ["Errors", "Error", "Review requested from", "Branch", "Repository", "Title", "Note"];

    /// <summary>What is kept of a shortened fact at the least, so that it still says something.</summary>
    private const int ShortestCut = 40;

    /// <summary>
    /// A copy that fits <paramref name="max"/> as <paramref name="measure"/> counts it (the channel's
    /// own rendering, in the unit the channel counts), shortening the least important facts first
    /// (<see cref="CutOrder"/>). A link is never cut, since half an address leads nowhere: when the
    /// shortened facts are not enough, the longest links are left out, whole, and their facts say so
    /// (<see cref="WithoutLink"/>). When even that is not enough, the result is as short as it gets and
    /// the channel cuts the rest, which then holds no link.
    /// </summary>
    /// <param name="max">The limit.</param>
    /// <param name="measure">The size of a message as the channel would send it.</param>
    /// <param name="channel">The channel's name, for the note on a link left out, e.g. <c>Slack</c>.</param>
    internal SpecEventMessage FitTo(int max, Func<SpecEventMessage, int> measure, string channel)
    {
        var fitted = ShortenFacts(max, measure);
        while (measure(fitted) > max && LongestLink(fitted) is { } url)
        {
            fitted = fitted.WithoutLink(url, channel);
        }

        return fitted;
    }

    /// <summary>
    /// A copy without the address <paramref name="url"/>: each fact that linked to it keeps its text
    /// and says why the link is missing (<c>View Details (link left out: 5,000 characters, more than
    /// Slack takes)</c>); a button to it is dropped.
    /// </summary>
    /// <param name="url">The address to leave out.</param>
    /// <param name="channel">The channel's name, for the note.</param>
    internal SpecEventMessage WithoutLink(string url, string channel) => this with
    {
        Facts = [.. Facts.Select(fact => fact.Url == url ? new MessageFact(fact.Label, LinkLeftOut(fact.Text, url, channel)) : fact)],
        Links = [.. Links.Where(link => link.Url != url)],
    };

    /// <summary><c>{text} (link left out: {n} characters, more than {channel} takes)</c>.</summary>
    /// <param name="text">What the link's text was.</param>
    /// <param name="url">The address left out.</param>
    /// <param name="channel">The channel's name.</param>
    internal static string LinkLeftOut(string text, string url, string channel) =>
        string.Create(CultureInfo.InvariantCulture, $"{text} (link left out: {url.Length:N0} characters, more than {channel} takes)");

    private static string? LongestLink(SpecEventMessage message) =>
        message.Facts.Select(fact => fact.Url).Concat(message.Links.Select(link => link.Url)).OfType<string>().MaxBy(url => url.Length);

    private SpecEventMessage ShortenFacts(int max, Func<SpecEventMessage, int> measure)
    {
        var current = this;
        foreach (var label in CutOrder)
        {
            var over = measure(current) - max;
            if (over <= 0)
            {
                return current;
            }

            var index = current.Facts.ToList().FindIndex(fact => fact.Label == label);
            if (index < 0)
            {
                continue;
            }

            var original = current.Facts[index];
            var keep = original.Text.Length;
            while (over > 0 && keep > ShortestCut)
            {
                // Each UTF-16 unit costs at least one unit of any measure, so cutting `over` more
                // (and the ellipsis) converges in a step or two.
                keep = Math.Max(ShortestCut, keep - over - TextLimit.Ellipsis.Length - 2);
                var facts = current.Facts.ToArray();
                facts[index] = original with { Text = TextLimit.Truncate(original.Text, keep) };
                current = current with { Facts = facts };
                over = measure(current) - max;
            }
        }

        return current;
    }

    /// <summary>Builds the message for an event.</summary>
    /// <param name="specEvent">The event.</param>
    public static SpecEventMessage For(SpecEvent specEvent)
    {
        ArgumentNullException.ThrowIfNull(specEvent);
        var (emoji, headline) = specEvent.IsTest
            ? ("🧪", "[TEST] SpecCake test message")
            : Heading(specEvent.Kind);

        var facts = new List<MessageFact>();
        if (specEvent.IsTest)
        {
            facts.Add(new MessageFact("Note", "[TEST] This is a SpecCake test message sent by TestIntegrations; no action is needed."));
        }

        if (specEvent.Spec is { } spec)
        {
            facts.Add(new MessageFact("ID", spec.Id));
            facts.Add(new MessageFact("Title", TextLimit.Clean(spec.Title)));
        }

        if (specEvent.Repository is { } repository)
        {
            facts.Add(new MessageFact("Repository", repository.ToString()));
        }

        if (specEvent.Branch is { } branch)
        {
            facts.Add(new MessageFact("Branch", TextLimit.SingleLine(branch)));
        }

        if (specEvent.PullRequest is { } pr)
        {
            facts.Add(new MessageFact("PR", "#" + pr.Number.ToString(CultureInfo.InvariantCulture), pr.Url));
        }

        if (specEvent.Reviewers.Count > 0)
        {
            facts.Add(new MessageFact("Review requested from", TextLimit.Clean(string.Join(", ", specEvent.Reviewers))));
        }

        if (specEvent.Duration is { } duration)
        {
            facts.Add(new MessageFact("Duration", Describe(duration)));
        }

        if (specEvent.ValidationErrors.Count > 0)
        {
            const int Shown = 10;
            var lines = specEvent.ValidationErrors.Take(Shown).Select(error => error.ToString()).ToList();
            if (specEvent.ValidationErrors.Count > Shown)
            {
                lines.Add($"... and {specEvent.ValidationErrors.Count - Shown} more");
            }

            facts.Add(new MessageFact("Errors", TextLimit.Clean(string.Join("\n", lines))));
        }
        else if (specEvent.Error is { } error)
        {
            facts.Add(new MessageFact("Error", TextLimit.Clean(error)));
        }

        if (specEvent.LogsUrl is { } logs)
        {
            facts.Add(new MessageFact("Logs", "View Details", logs));
        }

        var links = new List<MessageLink>();
        if (specEvent.PullRequest?.Url is { } prUrl)
        {
            links.Add(new MessageLink("View PR", prUrl));
        }

        if (specEvent.SpecUrl is { } specUrl)
        {
            links.Add(new MessageLink("View Spec", specUrl));
        }

        if (specEvent.LogsUrl is { } logsUrl)
        {
            links.Add(new MessageLink("View Logs", logsUrl));
        }

        return new SpecEventMessage
        {
            Emoji = emoji,
            Headline = headline,
            Tone = specEvent.IsTest ? MessageTone.Neutral
                : specEvent.Kind.IsFailure() ? MessageTone.Failure
                : specEvent.Kind is SpecEventKind.ImplementationCompleted or SpecEventKind.PrMerged or SpecEventKind.SpecApproved
                    ? MessageTone.Success
                    : MessageTone.Neutral,
            Facts = facts,
            Links = links,
        };
    }

    private static (string Emoji, string Headline) Heading(SpecEventKind kind) => kind switch
    {
        SpecEventKind.SpecCreated => ("📝", "Spec Created"),
        SpecEventKind.SpecApproved => ("👍", "Spec Approved"),
        SpecEventKind.ImplementationStarted => ("🚀", "Spec Implementation Started"),
        SpecEventKind.ImplementationCompleted => ("✅", "Spec Implementation Completed"),
        SpecEventKind.ImplementationFailed => ("❌", "Spec Implementation Failed"),
        SpecEventKind.PrCreated => ("🔀", "Pull Request Created"),
        SpecEventKind.PrMerged => ("🎉", "Pull Request Merged"),
        SpecEventKind.ValidationFailed => ("⚠️", "Spec Validation Failed"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };

    private static string Describe(TimeSpan duration) =>
        duration.TotalMinutes >= 1
            ? $"{(int)duration.TotalMinutes}m {duration.Seconds}s"
            : duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}

/// <summary>One labelled fact of a message.</summary>
/// <param name="Label">E.g. <c>ID</c>.</param>
/// <param name="Text">E.g. <c>FEAT-0001</c>.</param>
/// <param name="Url">Where the text links to, when it is a link.</param>
public sealed record MessageFact(string Label, string Text, string? Url = null);

/// <summary>A button or link under a message.</summary>
/// <param name="Title">E.g. <c>View PR</c>.</param>
/// <param name="Url">The target.</param>
public sealed record MessageLink(string Title, string Url);

/// <summary>The colour family of a message.</summary>
public enum MessageTone
{
    /// <summary>Neither success nor failure.</summary>
    Neutral,
    /// <summary>Something finished well (green).</summary>
    Success,
    /// <summary>Something failed (red).</summary>
    Failure,
}
