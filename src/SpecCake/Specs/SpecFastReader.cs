using System.Text.RegularExpressions;
using SpecCake.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SpecCake.Specs;

/// <summary>
/// The fast path for a valid spec file: reads the parser's events straight into a
/// <see cref="Spec"/>, checking <c>schemas/spec.schema.json</c>'s rules as it goes, without a
/// JSON tree, positions or JsonSchema.Net. Measured on 10,000 files, building the tree and
/// evaluating the schema cost more than parsing the YAML; nearly every file is valid, so only
/// a file this reader declines (anything unusual or wrong) takes the full route, whose
/// JsonSchema.Net results give the error messages. Tests hold both routes to the same verdict.
/// </summary>
internal static partial class SpecFastReader
{
    private static readonly HashSet<string> Statuses = new(StringComparer.Ordinal) { "draft", "review", "approved", "implemented" };
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "feature", "bug", "chore", "incident" };
    private static readonly HashSet<string> Severities = new(StringComparer.Ordinal) { "SEV1", "SEV2", "SEV3", "SEV4" };

    /// <summary>The spec when the file is plainly valid; null to send it down the full route.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="specPath">The spec's path relative to the config folder.</param>
    /// <param name="idPosition">Where the <c>id</c> value starts (for the duplicate-ID message).</param>
    public static Spec? TryRead(string text, string specPath, out SourcePosition idPosition)
    {
        idPosition = SourcePosition.WholeFile;
        try
        {
            return Read(new Parser(new StringReader(text)), specPath, ref idPosition);
        }
        catch (YamlException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static Spec? Read(Parser parser, string specPath, ref SourcePosition idPosition)
    {
        if (!Next(parser, out var start) || start is not StreamStart
            || !Next(parser, out var document) || document is not DocumentStart
            || !Next(parser, out var mapping) || mapping is not MappingStart { Anchor.IsEmpty: true, Tag.IsEmpty: true })
        {
            return null;
        }

        string? id = null, title = null, status = null, type = null, severity = null, owner = null, description = null;
        IReadOnlyList<string> reviewers = [], labels = [];
        IReadOnlyList<AcceptanceCriterion> criteria = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (Next(parser, out var current) && current is not MappingEnd)
        {
            if (current is not Scalar { Anchor.IsEmpty: true, Tag.IsEmpty: true } key || !seen.Add(key.Value))
            {
                return null;
            }

            var ok = key.Value switch
            {
                "id" => Text(parser, out id, out idPosition) && IdPattern().IsMatch(id!),
                "title" => Text(parser, out title) && title!.Length > 0,
                "status" => Text(parser, out status) && Statuses.Contains(status!),
                "type" => Text(parser, out type) && Types.Contains(type!),
                "severity" => Text(parser, out severity) && Severities.Contains(severity!),
                "owner" => Text(parser, out owner),
                "description" => Text(parser, out description),
                "reviewers" => Texts(parser, out reviewers),
                "labels" => Texts(parser, out labels),
                "acceptance_criteria" => Criteria(parser, out criteria),
                _ when key.Value.StartsWith("x-", StringComparison.Ordinal) => Skip(parser),
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        if (!Next(parser, out var documentEnd) || documentEnd is not DocumentEnd || !Next(parser, out var end) || end is not StreamEnd
            || id is null || title is null || status is null || id != Path.GetFileNameWithoutExtension(specPath))
        {
            return null;
        }

        return new Spec
        {
            Id = id,
            Title = title,
            Status = Enum.Parse<SpecStatus>(status, ignoreCase: true),
            File = specPath,
            Type = type is null ? null : Enum.Parse<SpecType>(type, ignoreCase: true),
            Severity = severity is null ? null : Enum.Parse<SpecSeverity>(severity, ignoreCase: true),
            Owner = owner,
            Reviewers = reviewers,
            Labels = labels,
            Description = description,
            AcceptanceCriteria = criteria,
        };
    }

    private static bool Next(Parser parser, out ParsingEvent current)
    {
        var moved = parser.MoveNext();
        current = parser.Current!;
        return moved;
    }

    private static bool Text(Parser parser, out string? value) => Text(parser, out value, out _);

    /// <summary>A scalar that YamlJsonReader would read as a string (quoted, block, or plain but not null/bool/number).</summary>
    private static bool Text(Parser parser, out string? value, out SourcePosition position)
    {
        value = null;
        position = SourcePosition.WholeFile;
        if (!Next(parser, out var current) || current is not Scalar { Anchor.IsEmpty: true, Tag.IsEmpty: true } scalar
            || (scalar.Style == ScalarStyle.Plain && !YamlJsonReader.IsPlainString(scalar.Value)))
        {
            return false;
        }

        value = scalar.Value;
        position = new SourcePosition((int)scalar.Start.Line, (int)scalar.Start.Column);
        return true;
    }

    private static bool Texts(Parser parser, out IReadOnlyList<string> values)
    {
        values = [];
        if (!Next(parser, out var start) || start is not SequenceStart { Anchor.IsEmpty: true, Tag.IsEmpty: true })
        {
            return false;
        }

        var list = new List<string>();
        while (Next(parser, out var item) && item is not SequenceEnd)
        {
            if (item is not Scalar { Anchor.IsEmpty: true, Tag.IsEmpty: true } scalar
                || (scalar.Style == ScalarStyle.Plain && !YamlJsonReader.IsPlainString(scalar.Value)))
            {
                return false;
            }

            list.Add(scalar.Value);
        }

        values = list;
        return true;
    }

    private static bool Criteria(Parser parser, out IReadOnlyList<AcceptanceCriterion> criteria)
    {
        criteria = [];
        if (!Next(parser, out var start) || start is not SequenceStart { Anchor.IsEmpty: true, Tag.IsEmpty: true })
        {
            return false;
        }

        var list = new List<AcceptanceCriterion>();
        while (Next(parser, out var item) && item is not SequenceEnd)
        {
            var positional = $"AC-{list.Count + 1}";
            switch (item)
            {
                case Scalar { Anchor.IsEmpty: true, Tag.IsEmpty: true } plain when plain.Value.Length > 0
                    && (plain.Style != ScalarStyle.Plain || YamlJsonReader.IsPlainString(plain.Value)):
                    list.Add(new AcceptanceCriterion(positional, plain.Value));
                    break;
                case MappingStart { Anchor.IsEmpty: true, Tag.IsEmpty: true }:
                    string? id = null, text = null;
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    while (Next(parser, out var key) && key is not MappingEnd)
                    {
                        if (key is not Scalar { Anchor.IsEmpty: true, Tag.IsEmpty: true } name || !seen.Add(name.Value))
                        {
                            return false;
                        }

                        var ok = name.Value switch
                        {
                            "id" => Text(parser, out id) && CriterionIdPattern().IsMatch(id!),
                            "text" => Text(parser, out text) && text!.Length > 0,
                            _ => false,
                        };
                        if (!ok)
                        {
                            return false;
                        }
                    }

                    if (text is null)
                    {
                        return false;
                    }

                    list.Add(new AcceptanceCriterion(id ?? positional, text));
                    break;
                default:
                    return false;
            }
        }

        criteria = list;
        return true;
    }

    /// <summary>Skips an <c>x-</c> extension value of any shape; anchors and aliases go the full route.</summary>
    private static bool Skip(Parser parser)
    {
        var depth = 0;
        do
        {
            if (!Next(parser, out var current) || current is AnchorAlias || (current is NodeEvent node && !node.Anchor.IsEmpty))
            {
                return false;
            }

            depth += current switch
            {
                MappingStart or SequenceStart => 1,
                MappingEnd or SequenceEnd => -1,
                _ => 0,
            };
        }
        while (depth > 0);

        return true;
    }

    // The same expressions as the schema's "pattern"s.
    [GeneratedRegex("^[A-Z][A-Z0-9]*-[0-9]{4,}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*-[0-9]+$")]
    private static partial Regex CriterionIdPattern();
}
