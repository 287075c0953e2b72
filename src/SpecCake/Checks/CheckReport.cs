using System.Text;

namespace SpecCake.Checks;

/// <summary>CheckIntegrations' result: one row per check, in the order the integrations are listed.</summary>
/// <param name="Rows">The rows.</param>
internal sealed record CheckReport(IReadOnlyList<CheckRow> Rows)
{
    private static readonly string[] Header = ["Integration", "Check", "Result", "Details", "How to fix"];

    /// <summary>The rows that failed.</summary>
    public IReadOnlyList<CheckRow> Failures => [.. Rows.Where(row => row.Outcome.Result == CheckResult.Failed)];

    /// <summary>Whether any check failed.</summary>
    public bool HasFailures => Rows.Any(row => row.Outcome.Result == CheckResult.Failed);

    /// <summary>The words of a result, as the table shows it.</summary>
    public static string Describe(CheckResult result) => result switch
    {
        CheckResult.Passed => "passed",
        CheckResult.Warning => "warning",
        CheckResult.Failed => "FAILED",
        _ => "skipped",
    };

    /// <summary>
    /// The table, aligned, for the log: integration, check, result and details on one line; how to fix,
    /// when something is wrong, on the line below, so long details never widen the columns.
    /// </summary>
    public string ToTable()
    {
        var text = new StringBuilder("SpecCake integration checks (read-only)\n");
        if (Rows.Count == 0)
        {
            return text.Append("No enabled integration to check.").ToString();
        }

        string[] header = ["Integration", "Check", "Result", "Details (and how to fix)"];
        var cells = Cells().Select(row => row[..4]).ToList();
        var widths = Enumerable.Range(0, 3)
            .Select(column => Math.Max(header[column].Length, cells.Select(row => row[column].Length).DefaultIfEmpty(0).Max()))
            .ToArray();
        var indent = widths.Sum() + (2 * widths.Length);
        AppendRow(text, header, widths);
        AppendRow(text, [.. widths.Select(width => new string('-', width)), new string('-', header[3].Length)], widths);
        foreach (var row in Rows)
        {
            AppendRow(text, [row.Integration, row.Check, Describe(row.Outcome.Result), OneLine(row.Outcome.Detail)], widths);
            if (row.Outcome.Fix is { Length: > 0 } fix)
            {
                text.Append(' ', indent).Append("how to fix: ").Append(OneLine(fix)).Append('\n');
            }
        }

        var counts = Enum.GetValues<CheckResult>()
            .Select(result => (result, Rows.Count(row => row.Outcome.Result == result)))
            .Where(pair => pair.Item2 > 0)
            .Select(pair => $"{pair.Item2} {Describe(pair.result).ToLowerInvariant()}");
        return text.Append(string.Join(", ", counts)).ToString();
    }

    /// <summary>The table in Markdown, for <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder("### SpecCake integration checks\n\n");
        if (Rows.Count == 0)
        {
            return text.Append("No enabled integration to check.\n").ToString();
        }

        text.Append("| ").Append(string.Join(" | ", Header)).Append(" |\n|---|---|---|---|---|\n");
        foreach (var row in Cells())
        {
            text.Append("| ").Append(string.Join(" | ", row.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }

        return text.ToString();
    }

    private IEnumerable<string[]> Cells() => Rows.Select(row => new[]
    {
        row.Integration,
        row.Check,
        Describe(row.Outcome.Result),
        OneLine(row.Outcome.Detail),
        OneLine(row.Outcome.Fix ?? string.Empty),
    });

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var column = 0; column < cells.Length; column++)
        {
            text.Append(column == cells.Length - 1 ? cells[column] : cells[column].PadRight(widths[column] + 2));
        }

        text.Append('\n');
    }
}
