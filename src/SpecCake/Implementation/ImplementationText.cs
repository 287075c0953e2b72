using System.Globalization;
using System.Text;
using SpecCake.Integrations;
using SpecCake.Specs;

namespace SpecCake.Implementation;

/// <summary>
/// The words ImplementSpec writes from spec text (which anyone opening a pull request can write):
/// the commit message and the pull request's title and body. Control characters go, lines are
/// bounded, and nothing is ever passed through a shell (the message goes to <c>git commit --file</c>).
/// </summary>
internal static class ImplementationText
{
    private const int TitleLength = 200;
    private const int BodyLength = 60_000; // GitHub takes 65,536

    /// <summary>The commit message: a conventional-commit subject, the file, the acceptance criteria, a trailer.</summary>
    /// <param name="spec">The spec.</param>
    public static string CommitMessage(Spec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var kind = spec.Type switch
        {
            SpecType.Bug or SpecType.Incident => "fix",
            SpecType.Chore => "chore",
            _ => "feat",
        };
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{kind}({spec.Id.ToLowerInvariant()}): {Line(spec.Title, 100)}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Implements {spec.File}.\n");
        if (spec.AcceptanceCriteria.Count > 0)
        {
            text.Append("\nAcceptance criteria:\n");
            foreach (var criterion in spec.AcceptanceCriteria)
            {
                text.Append("- ").Append(criterion.Id).Append(": ").Append(Line(criterion.Text, 200)).Append('\n');
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\n{GitWorkspace.Trailer}: {spec.Id}\n");
        return text.ToString();
    }

    /// <summary>A review round's commit message: what it answered, and the trailer.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="conversation">The feedback answered.</param>
    public static string ReviewCommitMessage(Spec spec, ReviewConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(conversation);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"fix({spec.Id.ToLowerInvariant()}): address review of {Line(spec.Title, 80)}\n\n");
        foreach (var link in conversation.Links().Take(20))
        {
            text.Append("- ").Append(Line(link, 200)).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"\n{GitWorkspace.Trailer}: {spec.Id}\n");
        return text.ToString();
    }

    /// <summary>
    /// The agent's last words for a pull request or comment: masked, quoted, at most
    /// <paramref name="length"/> characters, and every <c>@</c> defused so model output never
    /// pings anyone.
    /// </summary>
    /// <param name="summary">The agent's summary, or null.</param>
    /// <param name="mask">Masks secret values.</param>
    /// <param name="length">The most characters kept.</param>
    public static string Summary(string? summary, Func<string, string> mask, int length = 4_000)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (string.IsNullOrWhiteSpace(summary))
        {
            return "> (the agent gave no summary)";
        }

        var text = TextLimit.Truncate(TextLimit.Clean(mask(summary).Trim()), length)
            .Replace("@", "@\u200B", StringComparison.Ordinal);
        return string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(line => "> " + line));
    }

    /// <summary>A Markdown table of every verify command run, per attempt: command, result, time.</summary>
    /// <param name="attempts">The attempts.</param>
    public static string Checks(IReadOnlyList<ImplementationAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var rows = attempts.SelectMany(attempt => attempt.Verify.Select(verify => (attempt.Number, verify))).ToList();
        if (rows.Count == 0)
        {
            return "(no verify commands configured)";
        }

        var text = new StringBuilder("| attempt | check | result | time |\n|---|---|---|---|\n");
        foreach (var (number, verify) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {number} | `{Cell(Line(verify.Command.Run, 200))}` | {(verify.Passed ? "passed" : "failed: " + Cell(verify.Describe()))} | {verify.Outcome.Elapsed.TotalSeconds:0.0} s |\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>What the rounds cost: agent, model, turns, tokens, cost, duration.</summary>
    /// <param name="agent">The agent's name.</param>
    /// <param name="model">The configured model, if any.</param>
    /// <param name="attempts">The attempts.</param>
    public static string Usage(string agent, string? model, IReadOnlyList<ImplementationAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var usages = attempts.Select(attempt => attempt.Agent.Usage).OfType<AgentUsage>().ToList();
        var parts = new List<string> { agent };
        if (model is not null)
        {
            parts.Add("model " + model);
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{attempts.Count} attempt(s)"));
        if (usages.Any(usage => usage.Turns is not null))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{usages.Sum(usage => usage.Turns ?? 0)} turn(s)"));
        }

        if (usages.Any(usage => usage.InputTokens is not null))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{usages.Sum(usage => usage.InputTokens ?? 0):N0} in / {usages.Sum(usage => usage.OutputTokens ?? 0):N0} out tokens"));
        }

        if (usages.Any(usage => usage.CostUsd is not null))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"${usages.Sum(usage => usage.CostUsd ?? 0):0.0000}"));
        }

        var seconds = attempts.Sum(attempt => attempt.Agent.Elapsed.TotalSeconds + attempt.Verify.Sum(verify => verify.Outcome.Elapsed.TotalSeconds));
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s"));
        return string.Join(", ", parts);
    }

    /// <summary>The one comment a review round posts on the pull request.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="commit">The commit the round pushed.</param>
    /// <param name="conversation">What it answered.</param>
    /// <param name="othersCommits">Commits others had pushed, which it built on.</param>
    /// <param name="fields">The pull request's placeholder values (<c>summary</c>, <c>checks</c>, <c>usage</c>, <c>logs_url</c>).</param>
    public static string RoundComment(Spec spec, string commit, ReviewConversation conversation, IReadOnlyList<BranchCommit> othersCommits, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(othersCommits);
        ArgumentNullException.ThrowIfNull(fields);
        var text = new StringBuilder(ReviewConversation.OwnMarker + "round -->\n");
        text.Append(CultureInfo.InvariantCulture, $"**SpecCake review round** for {spec.Id}: pushed {commit}.\n\n");
        if (conversation.Any)
        {
            text.Append("Addressed:\n");
            foreach (var link in conversation.Links())
            {
                text.Append("- ").Append(Line(link, 300)).Append('\n');
            }

            if (conversation.More > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"- ... {conversation.More} more\n");
            }
        }

        if (othersCommits.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Built on {othersCommits.Count} commit(s) pushed since SpecCake's last one.\n");
        }

        if (conversation.Ignored > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{conversation.Ignored} item(s) by people without write access to the repository were not read.\n");
        }

        text.Append("\n#### What the agent says\n\n").Append(fields.GetValueOrDefault("summary")).Append("\n\n");
        text.Append("#### Checks\n\n").Append(fields.GetValueOrDefault("checks")).Append("\n\n");
        text.Append(fields.GetValueOrDefault("usage"));
        if (fields.GetValueOrDefault("logs_url") is { Length: > 0 } logs)
        {
            text.Append(CultureInfo.InvariantCulture, $" · [logs]({logs})");
        }

        return TextLimit.Truncate(TextLimit.Clean(text.Append('\n').ToString()), BodyLength);
    }

    /// <summary>The pull request title from its template: one line, bounded.</summary>
    /// <param name="template">The <c>pull_request.title</c> template.</param>
    /// <param name="fields">The placeholder values.</param>
    public static string Title(string template, IReadOnlyDictionary<string, string> fields) =>
        Line(TemplateText.Render(template, fields), TitleLength);

    /// <summary>The pull request body: the <c>pull_request.body</c> template, or the built-in body.</summary>
    /// <param name="template">The template, or null.</param>
    /// <param name="fields">The placeholder values, with <c>spec_url</c>, <c>logs_url</c>, <c>attempts</c> and <c>agent</c>.</param>
    public static string Body(string? template, IReadOnlyDictionary<string, string> fields)
    {
        var body = template is null ? DefaultBody(fields) : TemplateText.Render(template, fields);
        return TextLimit.Truncate(TextLimit.Clean(body), BodyLength);
    }

    private static string DefaultBody(IReadOnlyDictionary<string, string> fields)
    {
        var text = new StringBuilder(ReviewConversation.OwnMarker + "pr -->\n");
        var spec = fields.GetValueOrDefault("spec_url") is { Length: > 0 } url ? $"[`{fields["file"]}`]({url})" : $"`{fields["file"]}`";
        text.Append(CultureInfo.InvariantCulture, $"Implements **{fields["id"]}: {fields["title"]}** ({spec}).\n\n");
        text.Append(fields["description"]).Append("\n\n");
        if (fields.GetValueOrDefault("summary") is { Length: > 0 } summary)
        {
            text.Append("### What the agent says\n\n").Append(summary).Append("\n\n");
        }

        text.Append("### Acceptance criteria\n\n").Append(fields["acceptance_criteria"]).Append("\n\n");
        text.Append("### Checks\n\n").Append(fields.GetValueOrDefault("checks") is { Length: > 0 } checks ? checks : fields["verify"]).Append("\n\n---\n");
        var usage = fields.GetValueOrDefault("usage") is { Length: > 0 } given ? given : $"{fields.GetValueOrDefault("agent")}, {fields.GetValueOrDefault("attempts")} attempt(s)";
        text.Append(CultureInfo.InvariantCulture, $"Opened by SpecCake ImplementSpec ({usage})");
        if (fields.GetValueOrDefault("logs_url") is { Length: > 0 } logs)
        {
            text.Append(CultureInfo.InvariantCulture, $" · [logs]({logs})");
        }

        return text.Append('\n').ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>One line of at most <paramref name="length"/> characters (whole graphemes), no control characters.</summary>
    public static string Line(string text, int length) => TextLimit.Truncate(TextLimit.SingleLine(text), length);
}
