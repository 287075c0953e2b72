using System.Text;
using SpecCake.Specs;

namespace SpecCake.Implementation;

/// <summary>
/// The placeholders every ImplementSpec template can use (prompt, pull request title and body):
/// the spec's fields as text, and where the work goes.
/// </summary>
internal static class SpecFields
{
    // Files whose presence the default prompt points the agent at.
    private static readonly string[] ConventionFiles = ["CLAUDE.md", "AGENTS.md", "CONTRIBUTING.md", ".github/copilot-instructions.md"];

    /// <summary>The placeholder values for <paramref name="spec"/>.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="branch">The spec branch.</param>
    /// <param name="baseBranch">The base branch.</param>
    /// <param name="verify">The verify commands.</param>
    /// <param name="repositoryRoot">Where the convention files are looked for.</param>
    public static Dictionary<string, string> For(Spec spec, string branch, string baseBranch, IReadOnlyList<VerifyCommand> verify, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = spec.Id,
            ["title"] = spec.Title,
            ["type"] = spec.Type?.ToString().ToLowerInvariant() ?? "feature",
            ["severity"] = spec.Severity is { } severity ? "SEV" + (int)severity : "none",
            ["file"] = spec.File,
            ["owner"] = spec.Owner ?? string.Empty,
            ["reviewers"] = string.Join(", ", spec.Reviewers),
            ["labels"] = string.Join(", ", spec.Labels),
            ["description"] = string.IsNullOrWhiteSpace(spec.Description) ? "(none)" : spec.Description.Trim(),
            ["acceptance_criteria"] = AcceptanceCriteria(spec),
            ["branch"] = branch,
            ["base"] = baseBranch,
            ["verify"] = verify.Count == 0 ? "(none configured)" : string.Join("\n", verify.Select(command => $"- `{command.Run}`")),
            ["conventions"] = Conventions(repositoryRoot),
        };
    }

    /// <summary>One <c>- AC-n: text</c> line per criterion.</summary>
    /// <param name="spec">The spec.</param>
    public static string AcceptanceCriteria(Spec spec)
    {
        if (spec.AcceptanceCriteria.Count == 0)
        {
            return "(none listed)";
        }

        var text = new StringBuilder();
        foreach (var criterion in spec.AcceptanceCriteria)
        {
            text.Append("- ").Append(criterion.Id).Append(": ").Append(criterion.Text.ReplaceLineEndings(" ").Trim()).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Conventions(string repositoryRoot)
    {
        var present = ConventionFiles.Where(file => File.Exists(Path.Combine(repositoryRoot, file))).ToArray();
        return present.Length == 0
            ? "Follow the conventions of the code around your change (naming, structure, tests)."
            : $"Follow the repository's conventions in {string.Join(", ", present)}.";
    }
}
