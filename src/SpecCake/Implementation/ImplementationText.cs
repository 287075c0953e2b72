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

        text.Append(CultureInfo.InvariantCulture, $"\nSpec: {spec.Id}\n");
        return text.ToString();
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
        var text = new StringBuilder();
        var spec = fields.GetValueOrDefault("spec_url") is { Length: > 0 } url ? $"[`{fields["file"]}`]({url})" : $"`{fields["file"]}`";
        text.Append(CultureInfo.InvariantCulture, $"Implements **{fields["id"]}: {fields["title"]}** ({spec}).\n\n");
        text.Append(fields["description"]).Append("\n\n");
        text.Append("### Acceptance criteria\n\n").Append(fields["acceptance_criteria"]).Append("\n\n");
        text.Append("### Checks\n\n").Append(fields["verify"]).Append("\n\n---\n");
        text.Append(CultureInfo.InvariantCulture, $"Opened by SpecCake ImplementSpec ({fields.GetValueOrDefault("agent")}, {fields.GetValueOrDefault("attempts")} attempt(s))");
        if (fields.GetValueOrDefault("logs_url") is { Length: > 0 } logs)
        {
            text.Append(CultureInfo.InvariantCulture, $" · [logs]({logs})");
        }

        return text.Append('\n').ToString();
    }

    /// <summary>One line of at most <paramref name="length"/> characters (whole graphemes), no control characters.</summary>
    public static string Line(string text, int length) => TextLimit.Truncate(TextLimit.SingleLine(text), length);
}
