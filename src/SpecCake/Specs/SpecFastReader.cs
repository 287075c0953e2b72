using System.Text.RegularExpressions;
using SpecCake.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SpecCake.Specs;

/// <summary>
/// The fast path for a valid spec file: reads it into a <see cref="SpecDraft"/> (by
/// <see cref="SpecLineScanner"/> when the file is written plainly, else from YamlDotNet's events)
/// and checks <c>schemas/spec.schema.json</c>'s rules on that, without a JSON tree, positions or
/// JsonSchema.Net. Measured on 10,000 files, building the tree and evaluating the schema cost
/// more than parsing the YAML; nearly every file is valid, so only a file declined here (anything
/// unusual or wrong) takes the full route, whose JsonSchema.Net results give the error messages.
/// Tests hold both routes to the same verdict.
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
        var draft = SpecLineScanner.Scan(text) ?? ReadEvents(text);
        idPosition = draft is null ? SourcePosition.WholeFile : new SourcePosition(draft.IdLine, draft.IdColumn);
        return draft is null ? null : Build(draft, specPath);
    }

    /// <summary>The schema's rules on a draft: required keys, types, enums, patterns, and the file name.</summary>
    internal static Spec? Build(SpecDraft draft, string specPath)
    {
        var values = draft.Values;
        if (Text(values, "id") is not { } id || !IdPattern().IsMatch(id) || id != Path.GetFileNameWithoutExtension(specPath)
            || Text(values, "title") is not { Length: > 0 } title
            || Text(values, "status") is not { } status || !Statuses.Contains(status))
        {
            return null;
        }

        string? type = null, severity = null, owner = null, description = null;
        IReadOnlyList<string> reviewers = [], labels = [];
        IReadOnlyList<AcceptanceCriterion> criteria = [];
        foreach (var (key, value) in values)
        {
            var ok = key switch
            {
                "id" or "title" or "status" => true,
                "type" => (type = value as string) is not null && Types.Contains(type),
                "severity" => (severity = value as string) is not null && Severities.Contains(severity),
                "owner" => (owner = value as string) is not null,
                "description" => (description = value as string) is not null,
                "reviewers" => Texts(value, out reviewers),
                "labels" => Texts(value, out labels),
                "acceptance_criteria" => Criteria(value, out criteria),
                _ => key.StartsWith("x-", StringComparison.Ordinal),
            };
            if (!ok)
            {
                return null;
            }
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

    private static string? Text(Dictionary<string, object> values, string key) =>
        values.TryGetValue(key, out var value) ? value as string : null;

    private static bool Texts(object value, out IReadOnlyList<string> texts)
    {
        texts = value is List<object> list && list.All(item => item is string) ? list.Cast<string>().ToArray() : [];
        return value is List<object> && texts.Count == ((List<object>)value).Count;
    }

    private static bool Criteria(object value, out IReadOnlyList<AcceptanceCriterion> criteria)
    {
        criteria = [];
        if (value is not List<object> items)
        {
            return false;
        }

        var list = new AcceptanceCriterion[items.Count];
        for (var index = 0; index < items.Count; index++)
        {
            var positional = $"AC-{index + 1}";
            switch (items[index])
            {
                case string { Length: > 0 } plain:
                    list[index] = new AcceptanceCriterion(positional, plain);
                    break;
                case Dictionary<string, string> pair
                    when pair.Keys.All(k => k is "id" or "text")
                    && pair.TryGetValue("text", out var text) && text.Length > 0
                    && (!pair.TryGetValue("id", out var criterionId) || CriterionIdPattern().IsMatch(criterionId)):
                    list[index] = new AcceptanceCriterion(pair.GetValueOrDefault("id") ?? positional, text);
                    break;
                default:
                    return false;
            }
        }

        criteria = list;
        return true;
    }

    /// <summary>The same draft from YamlDotNet's events, for files the line scanner declines.</summary>
    internal static SpecDraft? ReadEvents(string text)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            if (!Next(parser, out var start) || start is not StreamStart
                || !Next(parser, out var document) || document is not DocumentStart
                || !Next(parser, out var mapping) || mapping is not MappingStart { Anchor.IsEmpty: true, Tag.IsEmpty: true })
            {
                return null;
            }

            var draft = new SpecDraft();
            while (Next(parser, out var current) && current is not MappingEnd)
            {
                if (current is not Scalar { Anchor.IsEmpty: true, Tag.IsEmpty: true } key || draft.Values.ContainsKey(key.Value))
                {
                    return null;
                }

                if (key.Value.StartsWith("x-", StringComparison.Ordinal))
                {
                    if (!Skip(parser))
                    {
                        return null;
                    }

                    draft.Values[key.Value] = string.Empty;
                    continue;
                }

                if (Value(parser, out var scalarStart) is not { } value)
                {
                    return null;
                }

                draft.Values[key.Value] = value;
                if (key.Value == "id")
                {
                    draft.IdLine = (int)scalarStart.Line;
                    draft.IdColumn = (int)scalarStart.Column;
                }
            }

            return Next(parser, out var documentEnd) && documentEnd is DocumentEnd && Next(parser, out var end) && end is StreamEnd ? draft : null;
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

    /// <summary>A string, a list of strings and id/text mappings, or null for anything else.</summary>
    private static object? Value(Parser parser, out Mark start)
    {
        Next(parser, out var current);
        start = current.Start;
        switch (current)
        {
            case Scalar scalar:
                return AsText(scalar);
            case SequenceStart { Anchor.IsEmpty: true, Tag.IsEmpty: true }:
                var items = new List<object>();
                while (Next(parser, out var item) && item is not SequenceEnd)
                {
                    if (item is Scalar itemScalar && AsText(itemScalar) is { } text)
                    {
                        items.Add(text);
                    }
                    else if (item is MappingStart { Anchor.IsEmpty: true, Tag.IsEmpty: true })
                    {
                        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
                        while (Next(parser, out var key) && key is not MappingEnd)
                        {
                            if (key is not Scalar { Anchor.IsEmpty: true, Tag.IsEmpty: true } name || pairs.ContainsKey(name.Value)
                                || !Next(parser, out var pairValue) || pairValue is not Scalar valueScalar || AsText(valueScalar) is not { } pairText)
                            {
                                return null;
                            }

                            pairs[name.Value] = pairText;
                        }

                        items.Add(pairs);
                    }
                    else
                    {
                        return null;
                    }
                }

                return items;
            default:
                return null;
        }
    }

    /// <summary>A scalar that YamlJsonReader would read as a string (quoted, block, or plain but not null/bool/number).</summary>
    private static string? AsText(Scalar scalar) =>
        scalar.Anchor.IsEmpty && scalar.Tag.IsEmpty && (scalar.Style != ScalarStyle.Plain || YamlJsonReader.IsPlainString(scalar.Value))
            ? scalar.Value
            : null;

    private static bool Next(Parser parser, out ParsingEvent current)
    {
        var moved = parser.MoveNext();
        current = parser.Current!;
        return moved;
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
