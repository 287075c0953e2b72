using System.Globalization;
using System.Text;
using SpecCake.Events;

namespace SpecCake.Delivery;

/// <summary>The results of notifying one event: the summary table of docs/design/contract.md#summary.</summary>
public sealed record DeliveryReport
{
    /// <summary>Creates the report.</summary>
    /// <param name="specEvent">The event notified.</param>
    /// <param name="results">One row per target, in registration order.</param>
    /// <param name="dryRun">Whether nothing was sent on purpose.</param>
    public DeliveryReport(SpecEvent specEvent, IReadOnlyList<DeliveryResult> results, bool dryRun)
    {
        Event = specEvent ?? throw new ArgumentNullException(nameof(specEvent));
        Results = results ?? throw new ArgumentNullException(nameof(results));
        DryRun = dryRun;
    }

    /// <summary>The event notified.</summary>
    public SpecEvent Event { get; }

    /// <summary>One row per target.</summary>
    public IReadOnlyList<DeliveryResult> Results { get; }

    /// <summary>Whether this was a dry run.</summary>
    public bool DryRun { get; }

    /// <summary>Whether any delivery failed (rate-limited and skipped ones do not count).</summary>
    public bool HasFailures => Results.Any(result => result.Status == DeliveryStatus.Failed);

    /// <summary>The failed rows.</summary>
    public IEnumerable<DeliveryResult> Failures => Results.Where(result => result.Status == DeliveryStatus.Failed);

    /// <summary>The word shown for a status: sent, skipped, rate-limited, failed, dry-run, already delivered.</summary>
    /// <param name="status">The status.</param>
    public static string Describe(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Sent => "sent",
        DeliveryStatus.Skipped => "skipped",
        DeliveryStatus.RateLimited => "rate-limited",
        DeliveryStatus.Failed => "failed",
        DeliveryStatus.DryRun => "dry-run (not sent)",
        DeliveryStatus.AlreadyDelivered => "already delivered",
        _ => status.ToString(),
    };

    /// <summary>The summary as an aligned plain-text table, for the log.</summary>
    public string ToTable()
    {
        if (Results.Count == 0)
        {
            return Title() + "\n" + NothingToSend();
        }

        var rows = Rows().ToList();
        string[] header = ["Integration", "Result", "Attempts", "Time", "Reason"];
        var widths = Enumerable.Range(0, header.Length)
            .Select(column => Math.Max(header[column].Length, rows.Select(row => row[column].Length).DefaultIfEmpty(0).Max()))
            .ToArray();

        var text = new StringBuilder();
        text.Append(Title()).Append('\n');
        AppendRow(text, header, widths);
        AppendRow(text, [.. widths.Select(width => new string('-', width))], widths);
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The summary as a Markdown table, for <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("### ").Append(Title()).Append("\n\n");
        if (Results.Count == 0)
        {
            return text.Append(NothingToSend()).Append('\n').ToString();
        }

        text.Append("| Integration | Result | Attempts | Time | Reason |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var row in Rows())
        {
            text.Append('|');
            foreach (var cell in row)
            {
                text.Append(' ').Append(cell.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ')).Append(" |");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private string Title()
    {
        var subject = Event.IsTest ? "test message" : Event.Name;
        var spec = Event.Spec is { } s ? $" for {s.Id}" : string.Empty;
        return $"SpecCake notifications: {subject}{spec}{(DryRun ? " (dry run)" : string.Empty)}";
    }

    // An empty table reads like a bug; say why there are no rows (no integration subscribes to the event).
    private string NothingToSend() =>
        $"No enabled integration subscribes to {(Event.IsTest ? "test messages" : Event.Name)}, so nothing {(DryRun ? "would be" : "was")} sent.";

    private IEnumerable<string[]> Rows() => Results.Select(result => new[]
    {
        result.Target,
        Describe(result.Status),
        result.Attempts.ToString(CultureInfo.InvariantCulture),
        result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s",
        result.Reason ?? string.Empty,
    });

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var column = 0; column < cells.Length; column++)
        {
            text.Append(column == cells.Length - 1 ? cells[column] : cells[column].PadRight(widths[column] + 2));
        }

        text.Append('\n');
    }
}
