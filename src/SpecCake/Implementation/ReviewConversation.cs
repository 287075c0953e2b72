using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SpecCake.Implementation;

/// <summary>One thing a reviewer said on the pull request.</summary>
/// <param name="Kind"><c>review (changes requested)</c>, <c>line comment</c>, <c>comment</c>...</param>
/// <param name="Author">The GitHub login.</param>
/// <param name="Association">GitHub's <c>author_association</c>: <c>OWNER</c>, <c>MEMBER</c>, <c>COLLABORATOR</c>, <c>CONTRIBUTOR</c>, <c>NONE</c>...</param>
/// <param name="Location"><c>path:line</c> of a line comment.</param>
/// <param name="Url">Its web URL.</param>
/// <param name="At">When it was written.</param>
/// <param name="Body">What it says (Markdown, untrusted).</param>
internal sealed record ReviewFeedback(string Kind, string? Author, string? Association, string? Location, string? Url, DateTimeOffset At, string? Body);

/// <summary>
/// The review conversation a round answers: what people with write access said since SpecCake's
/// last commit, newest first and capped, plus how many items were left out because their authors
/// are not <c>OWNER</c>, <c>MEMBER</c> or <c>COLLABORATOR</c> (a drive-by comment on a public
/// repository must never steer the agent).
/// </summary>
/// <param name="Heard">The items the agent sees, newest first, at most <see cref="MaxItems"/>.</param>
/// <param name="Ignored">Items by anyone else, left out.</param>
/// <param name="More">Heard items beyond the cap, left out.</param>
internal sealed record ReviewConversation(IReadOnlyList<ReviewFeedback> Heard, int Ignored, int More)
{
    /// <summary>The most items a round's prompt carries.</summary>
    public const int MaxItems = 20;

    /// <summary>The most characters of feedback a round's prompt carries (each item is cut to a share of it).</summary>
    public const int MaxCharacters = 16_000;

    /// <summary>What marks SpecCake's own comments (and pull request bodies), so a round never answers itself.</summary>
    public const string OwnMarker = "<!-- speccake:";

    private const int MaxItemCharacters = 3_000;

    private static readonly string[] Trusted = ["OWNER", "MEMBER", "COLLABORATOR"];

    /// <summary>Nothing said.</summary>
    public static ReviewConversation None { get; } = new([], 0, 0);

    /// <summary>Whether anything is to be answered.</summary>
    public bool Any => Heard.Count > 0;

    /// <summary>Sorts, filters and caps what GitHub listed.</summary>
    /// <param name="items">Every review, review comment and comment.</param>
    /// <param name="since">SpecCake's last commit's time; older items were answered already.</param>
    public static ReviewConversation From(IEnumerable<ReviewFeedback> items, DateTimeOffset? since)
    {
        var recent = items
            // GitHub and git both count whole seconds: what was said in the commit's second is kept (at worst answered twice).
            .Where(item => since is null || item.At >= since)
            .Where(item => item.Body?.Contains(OwnMarker, StringComparison.Ordinal) != true)
            .ToList();
        var heard = recent.Where(item => Trusted.Contains(item.Association?.ToUpperInvariant())).OrderByDescending(item => item.At).ToList();
        return new ReviewConversation(heard.Take(MaxItems).ToList(), recent.Count - heard.Count, Math.Max(0, heard.Count - MaxItems));
    }

    /// <summary>
    /// The line of the new file a review comment is on: where its diff hunk (which GitHub ends at
    /// the commented line) ends; null when the hunk cannot be read.
    /// </summary>
    /// <param name="diffHunk">The comment's <c>diff_hunk</c>.</param>
    public static int? LineOf(string? diffHunk)
    {
        if (string.IsNullOrEmpty(diffHunk))
        {
            return null;
        }

        var lines = diffHunk.ReplaceLineEndings("\n").Split('\n');
        var header = Regex.Match(lines[0], @"^@@ -(?<old>\d+)(,\d+)? \+(?<new>\d+)(,\d+)? @@", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!header.Success)
        {
            return null;
        }

        var oldLine = int.Parse(header.Groups["old"].Value, CultureInfo.InvariantCulture) - 1;
        var newLine = int.Parse(header.Groups["new"].Value, CultureInfo.InvariantCulture) - 1;
        var onOldSide = false;
        foreach (var line in lines.Skip(1))
        {
            onOldSide = line.StartsWith('-');
            if (!line.StartsWith('+'))
            {
                oldLine++;
            }

            if (!onOldSide)
            {
                newLine++;
            }
        }

        return onOldSide ? oldLine : newLine;
    }

    /// <summary>
    /// The feedback for the prompt: each item with its author, place and link, its words quoted
    /// line by line (so nothing in them can pass for SpecCake's own text), within <see cref="MaxCharacters"/>.
    /// </summary>
    /// <param name="mask">Masks secret values.</param>
    public string ToPrompt(Func<string, string> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var text = new StringBuilder();
        var shown = 0;
        foreach (var item in Heard)
        {
            var entry = Entry(item, mask);
            if (text.Length + entry.Length > MaxCharacters && shown > 0)
            {
                break;
            }

            text.Append(entry);
            shown++;
        }

        var more = Heard.Count - shown + More;
        if (more > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"... {more} more\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The links of what a round answered, for its pull request comment.</summary>
    public IEnumerable<string> Links() =>
        Heard.Select(item => $"{item.Kind} by @{item.Author}{(item.Location is { } at ? " on `" + at.Replace("`", "'", StringComparison.Ordinal) + "`" : string.Empty)}{(item.Url is { } url ? $" ({url})" : string.Empty)}");

    private static string Entry(ReviewFeedback item, Func<string, string> mask)
    {
        var body = mask(item.Body ?? string.Empty).Trim();
        if (body.Length > MaxItemCharacters)
        {
            body = Integrations.TextLimit.Truncate(body, MaxItemCharacters);
        }

        var header = new StringBuilder("- ").Append(item.Kind).Append(" by @").Append(item.Author ?? "unknown");
        header.Append(" (").Append(item.Association).Append(')');
        if (item.Location is { } location)
        {
            header.Append(" on ").Append(location);
        }

        header.Append(CultureInfo.InvariantCulture, $", {item.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        if (item.Url is { } url)
        {
            header.Append(", ").Append(url);
        }

        header.Append(":\n");
        foreach (var line in body.ReplaceLineEndings("\n").Split('\n'))
        {
            header.Append("  > ").Append(line).Append('\n');
        }

        return header.ToString();
    }
}
