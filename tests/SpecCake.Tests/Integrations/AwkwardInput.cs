using System.Globalization;
using System.Text;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations;

/// <summary>
/// The longest, most awkward inputs a real run can produce: emoji at every possible cut (every other
/// UTF-16 unit is the middle of a surrogate pair), a 40,000-character error, a 1,000-character
/// branch, GitHub's longest owner (39) and repository (100) names, 120 reviewers, a title with
/// newlines, Markdown, mentions and control characters.
/// </summary>
internal static class AwkwardInput
{
    /// <summary>A link that looks like SpecCake's own.</summary>
    public const string FakeLink = "[View Logs](https://evil.example/x)";

    public const string Owner = "o23456789-123456789-123456789-12345678a";
    public static readonly string Repository = Fill("repo.", 100);

    /// <summary>Newlines, Markdown (a link posing as SpecCake's), mentions, control characters and emoji.</summary>
    public static readonly string Title =
        FakeLink + "\r\nsecond line **bold** _it_ `code` # heading <@123456789012345678> @everyone @here <!channel>\t\u0000\u0007\u001b[31m" +
        Emoji(3100);

    public static readonly string Branch = "spec/" + Emoji(995);

    public static readonly string Error = BuildError(40_000);

    public static readonly IReadOnlyList<string> Reviewers =
        [.. Enumerable.Range(1, 120).Select(number => string.Create(CultureInfo.InvariantCulture, $"@reviewer-with-a-rather-long-name-{number:000}"))];

    public static readonly string Description = BuildDescription(40_000);

    /// <summary>"x😀x😀…" of exactly <paramref name="length"/> UTF-16 units: any cut may land inside a pair.</summary>
    public static string Emoji(int length)
    {
        var text = new StringBuilder(length + 2);
        while (text.Length < length)
        {
            text.Append(text.Length % 3 == 0 ? "x" : "😀");
        }

        return Exactly(text, length);
    }

    public static Spec Spec => new()
    {
        Id = "FEAT-0001",
        Title = Title,
        Status = SpecStatus.Approved,
        File = "specs/features/FEAT-0001.yaml",
        Owner = "@" + Owner,
        Reviewers = Reviewers,
        Labels = ["needs review", Emoji(300)],
        Description = Description,
        AcceptanceCriteria =
        [
            new AcceptanceCriterion("AC-1", "First line\nsecond line " + FakeLink + " " + Emoji(400)),
            .. Enumerable.Range(2, 49).Select(number => new AcceptanceCriterion(
                string.Create(CultureInfo.InvariantCulture, $"AC-{number}"), "Criterion **with** Markdown " + Emoji(120))),
        ],
    };

    /// <param name="kind">The event.</param>
    /// <param name="shift">Characters put before every text, so that a cut at a fixed length lands on each half of a pair in turn.</param>
    public static SpecEvent Event(SpecEventKind kind, int shift = 0) => new()
    {
        Kind = kind,
        Timestamp = TestData.Now,
        Spec = Spec with { Title = new string('x', shift) + Title },
        PullRequest = new PullRequestReference(4242, $"https://github.com/{Owner}/{Repository}/pull/4242"),
        Repository = new RepositoryReference(Owner, Repository),
        Branch = Branch + new string('x', shift),
        Reviewers = Reviewers,
        Error = kind == SpecEventKind.ImplementationFailed ? new string('x', shift) + Error : null,
        LogsUrl = $"https://github.com/{Owner}/{Repository}/actions/runs/123456789",
        SpecUrl = $"https://github.com/{Owner}/{Repository}/blob/{Uri.EscapeDataString(Branch)}/specs/features/FEAT-0001.yaml",
        Duration = TimeSpan.FromSeconds(5025.5),
    };

    /// <summary>
    /// An address of exactly <paramref name="length"/> characters (a CI system's logs link with a long
    /// query), ending in <paramref name="end"/> so that a cut one is told from a whole one.
    /// </summary>
    public static string LongUrl(string start, int length, string end)
    {
        var head = start + "?q=";
        return head + Fill("a1b2c3d4e5f6-", length - head.Length - end.Length) + end;
    }

    /// <summary>
    /// An event of <paramref name="kind"/> whose logs link is <paramref name="logsLength"/> characters
    /// long and, when <paramref name="allLinks"/>, whose pull request and spec links are as long too.
    /// </summary>
    public static SpecEvent LongLinks(SpecEventKind kind, int logsLength, bool allLinks) => TestData.Event(kind) with
    {
        LogsUrl = LongUrl("https://ci.example.com/runs/7", logsLength, "-END-OF-LOGS"),
        PullRequest = new PullRequestReference(42, allLinks ? LongUrl("https://github.com/acme/widgets/pull/42", logsLength, "-END-OF-PR") : "https://github.com/acme/widgets/pull/42"),
        SpecUrl = allLinks ? LongUrl("https://github.com/acme/widgets/blob/main/specs/FEAT-0001.yaml", logsLength, "-END-OF-SPEC") : null,
        Error = "exit 2",
    };

    private static string Fill(string unit, int length) =>
        string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1))[..length];

    private static string BuildError(int length)
    {
        var text = new StringBuilder();
        var line = 0;
        while (text.Length < length)
        {
            text.Append(CultureInfo.InvariantCulture, $"line {line++}: ").Append(FakeLink).Append(" @everyone **boom** \u0001 ").Append(Emoji(400)).Append('\n');
        }

        return Exactly(text, length);
    }

    private static string BuildDescription(int length)
    {
        var text = new StringBuilder("# Heading\n\nA paragraph with **strong**, _emphasis_, `code` and a [link](https://example.com/docs) and " + FakeLink + ".\n\n");
        while (text.Length < length)
        {
            text.Append("- item ").Append(Emoji(80)).Append("\n1. ordered\n\n```csharp\nvar x = 1;\n```\n\nParagraph ").Append(Emoji(200)).Append("\n\n");
        }

        return Exactly(text, length);
    }

    /// <summary>The first <paramref name="length"/> units, a pair cut at the end completed by an "x" instead (the inputs are valid text).</summary>
    private static string Exactly(StringBuilder text, int length)
    {
        var cut = text.ToString()[..length];
        return char.IsHighSurrogate(cut[^1]) ? cut[..^1] + "x" : cut;
    }
}
