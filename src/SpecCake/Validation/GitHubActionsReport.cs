using System.Text;

namespace SpecCake.Validation;

/// <summary>
/// Validation errors in GitHub Actions' own forms: an <c>::error</c> workflow command per error
/// (shown on the pull request's diff) and a Markdown table for the job summary.
/// </summary>
internal static class GitHubActionsReport
{
    /// <summary>
    /// <c>::error file=..,line=..,col=..::message</c>, escaped as the runner expects
    /// (see actions/toolkit's command.ts: <c>%</c>, CR and LF everywhere; also <c>:</c> and <c>,</c> in properties).
    /// </summary>
    public static string Annotation(ValidationError error)
    {
        var properties = new StringBuilder("file=").Append(EscapeProperty(error.File));
        if (error.Line > 0)
        {
            properties.Append(",line=").Append(error.Line).Append(",col=").Append(error.Column);
        }

        return $"::error {properties}::{EscapeData(error.Message)}";
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
        foreach (var error in errors)
        {
            builder.AppendLine($"| `{Cell(error.File)}` | {error.Line} | {error.Column} | {Cell(error.Message)} |");
        }

        return builder.ToString();
    }

    private static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Cell(string value) =>
        value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
