using System.Text;

namespace SpecCake.Validation;

/// <summary>
/// Validation errors in GitHub Actions' own forms: an <c>::error</c> workflow command per error
/// (shown on the pull request's diff) and a Markdown table for the job summary.
/// </summary>
internal static class GitHubActionsReport
{
    /// <summary>The annotation level of an error.</summary>
    public const string Error = "error";

    /// <summary>The annotation level of a warning.</summary>
    public const string Warning = "warning";

    // The job summary is for people; every error is in the log, so a few hundred rows are plenty.
    private const int MaxSummaryRows = 100;

    /// <summary>
    /// <c>::error file=..,line=..,col=..::message</c>, escaped as the runner expects
    /// (see actions/toolkit's command.ts: <c>%</c>, CR and LF everywhere; also <c>:</c> and <c>,</c> in properties).
    /// The message's values are already escaped (<see cref="LogText"/>); the file name, from the repository, is escaped here.
    /// </summary>
    public static string Annotation(ValidationError error, string level = Error)
    {
        var properties = new StringBuilder("file=").Append(EscapeProperty(LogText.Escaped(error.File)));
        if (error.Line > 0)
        {
            properties.Append(",line=").Append(error.Line).Append(",col=").Append(error.Column);
        }

        return $"::{level} {properties}::{EscapeData(error.Message)}";
    }

    /// <summary>The job summary section: a heading, the counts and one table row per error.</summary>
    public static string Summary(IReadOnlyList<ValidationError> errors, int specCount)
    {
        var builder = new StringBuilder();
        builder.AppendLine("## SpecCake: ValidateSpecs").AppendLine();
        if (errors.Count == 0)
        {
            builder.AppendLine($"✅ {specCount} spec(s) and the configuration are valid.");
            return builder.ToString();
        }

        var files = errors.Select(e => e.File).Distinct(StringComparer.Ordinal).Count();
        builder.AppendLine($"❌ {errors.Count} error(s) in {files} file(s).").AppendLine();
        builder.AppendLine("| File | Line | Column | Problem |");
        builder.AppendLine("|---|---:|---:|---|");
        foreach (var error in errors.Take(MaxSummaryRows))
        {
            builder.AppendLine($"| <code>{Code(LogText.Escaped(error.File))}</code> | {error.Line} | {error.Column} | {Cell(error.Message)} |");
        }

        if (errors.Count > MaxSummaryRows)
        {
            builder.AppendLine().AppendLine($"… and {errors.Count - MaxSummaryRows:N0} more; the step's log lists them.");
        }

        return builder.ToString();
    }

    private static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>A file name inside <c>&lt;code&gt;</c> (a backtick in it cannot end a code span there); <c>|</c> would end the cell.</summary>
    private static string Code(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("|", "&#124;", StringComparison.Ordinal);

    /// <summary>
    /// Text as a table cell that Markdown shows as written: spec content must not become a link, an
    /// image (a tracking pixel), HTML or a broken table. Every ASCII punctuation character that
    /// Markdown gives a meaning is backslash-escaped, which CommonMark allows for all of them.
    /// </summary>
    private static string Cell(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '\r' or '\n')
            {
                builder.Append(' ');
            }
            else if (c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '<' or '>' or '#' or '+' or '!' or '|' or '~' or '&')
            {
                builder.Append('\\').Append(c);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
