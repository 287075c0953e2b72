using System.Globalization;
using System.Text;

namespace SpecCake.Implementation;

/// <summary>
/// The table that ends an ImplementSpec run (attempts, verify results, commit, pull request,
/// events sent), as aligned text for the log and as Markdown for the GitHub step summary.
/// </summary>
internal static class ImplementationSummary
{
    /// <summary>The plain-text table.</summary>
    public static string ToTable(ImplementationResult result)
    {
        var rows = Rows(result);
        var widths = new[] { "Step".Length, "Result".Length };
        foreach (var (step, outcome, _) in rows)
        {
            widths[0] = Math.Max(widths[0], step.Length);
            widths[1] = Math.Max(widths[1], outcome.Length);
        }

        var text = new StringBuilder(Title(result)).Append('\n');
        Row(text, widths, "Step", "Result", "Detail");
        Row(text, widths, new string('-', widths[0]), new string('-', widths[1]), "------");
        foreach (var (step, outcome, detail) in rows)
        {
            Row(text, widths, step, outcome, detail);
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The Markdown section for <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    public static string ToMarkdown(ImplementationResult result)
    {
        var text = new StringBuilder("### ").Append(Cell(Title(result))).Append("\n\n");
        text.Append("| Step | Result | Detail |\n|---|---|---|\n");
        foreach (var (step, outcome, detail) in Rows(result))
        {
            text.Append("| ").Append(Cell(step)).Append(" | ").Append(Cell(outcome)).Append(" | ").Append(Cell(detail)).Append(" |\n");
        }

        return text.ToString();
    }

    private static string Title(ImplementationResult result) =>
        $"SpecCake ImplementSpec: {result.Spec.Id} {(result.DryRun ? "(dry run)" : result.Succeeded ? "implemented" : "failed")}" +
        string.Create(CultureInfo.InvariantCulture, $" in {result.Duration.TotalSeconds:0.0}s");

    private static List<(string Step, string Result, string Detail)> Rows(ImplementationResult result)
    {
        var rows = new List<(string, string, string)>();
        if (result.KeptTip is { } kept)
        {
            rows.Add(("old tip", "kept", kept));
        }

        if (result.Feedback is { } feedback)
        {
            rows.Add(("review round", result.NothingNew ? "nothing new" : "answered", string.Create(
                CultureInfo.InvariantCulture,
                $"{feedback.Heard.Count + feedback.More} feedback item(s){(feedback.Ignored > 0 ? $", {feedback.Ignored} by people without write access ignored" : string.Empty)}")));
        }

        foreach (var attempt in result.Attempts)
        {
            var agent = attempt.Agent;
            rows.Add(($"agent, attempt {attempt.Number}", agent.Succeeded ? "ok" : "failed", Join(agent.Error, Usage(agent), Seconds(agent.Elapsed))));
            foreach (var verify in attempt.Verify)
            {
                rows.Add(($"verify, attempt {attempt.Number}", verify.Passed ? "passed" : "failed", Join(verify.Passed ? $"`{verify.Command.Run}`" : $"`{verify.Command.Run}` {verify.Describe()}", Seconds(verify.Outcome.Elapsed))));
            }
        }

        if (result.Commit is { } commit)
        {
            rows.Add(("commit", "pushed", $"{commit[..Math.Min(12, commit.Length)]} to {result.Branch}"));
        }

        if (result.PullRequest is { } pr)
        {
            rows.Add(("pull request", pr.Created ? "opened" : "updated", Join(string.Create(CultureInfo.InvariantCulture, $"#{pr.Number} {pr.Url}"), pr.Warnings.Count > 0 ? string.Join("; ", pr.Warnings) : null)));
        }

        if (result.Comment is { } comment)
        {
            rows.Add(("comment", "posted", comment));
        }

        foreach (var sent in result.Events)
        {
            rows.Add(($"event {sent.Event}", sent.Failed > 0 ? "failed" : "sent", Join(
                string.Create(CultureInfo.InvariantCulture, $"{sent.Sent} delivered"),
                sent.Failed > 0 ? string.Join("; ", sent.Failures) : null)));
        }

        if (!result.Succeeded && !result.DryRun && result.Error is { } error)
        {
            rows.Add(("result", "failed", error));
        }

        if (result.Artifacts is { } artifacts)
        {
            rows.Add(("artifacts", "saved", artifacts + "/"));
        }

        return rows;
    }

    private static string? Usage(AgentOutcome agent)
    {
        if (agent.Usage is not { } usage)
        {
            return null;
        }

        var parts = new List<string>();
        if (usage.Turns is { } turns)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{turns} turn(s)"));
        }

        if (usage.CostUsd is { } cost)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"${cost:0.0000}"));
        }

        if (usage.InputTokens is { } input && usage.OutputTokens is { } output)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{input:N0} in / {output:N0} out tokens"));
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string Seconds(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0}s");

    private static string Join(params string?[] parts) => string.Join(", ", parts.Where(part => !string.IsNullOrEmpty(part)));

    private static void Row(StringBuilder text, int[] widths, string step, string outcome, string detail) =>
        text.Append(step.PadRight(widths[0] + 2)).Append(outcome.PadRight(widths[1] + 2)).Append(detail).Append('\n');

    private static string Cell(string value) =>
        value.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
