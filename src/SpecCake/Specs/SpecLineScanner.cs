namespace SpecCake.Specs;

/// <summary>
/// The plainest spec files, read line by line without a YAML parser: <c>key: value</c> at the
/// left margin; plain, single- or double-quoted one-line values without escapes; one-line
/// <c>[a, b]</c> lists; <c>|</c> blocks; <c>- item</c> lists whose items are values or
/// <c>id:</c>/<c>text:</c> pairs. YamlDotNet's scanner was half of the time spent on 10,000 valid
/// specs; this reads what nearly every spec is written as, and declines (null) anything else —
/// comments after values, escapes, anchors, tabs, CR, folded blocks, flow mappings — which then
/// goes through YamlDotNet. Tests hold both readers to the same result on every input.
/// </summary>
internal static class SpecLineScanner
{
    /// <summary>The top-level keys and their values (string, or list of string / id-text pairs); null to decline.</summary>
    public static SpecDraft? Scan(string text)
    {
        foreach (var c in text)
        {
            // Anything YAML treats specially at the character level goes to the real parser.
            if ((c < ' ' && c != '\n') || c is '\u007f' or '\ufeff' or '\ufffe' or '\uffff' || (c >= '\u0080' && c <= '\u009f') || char.IsSurrogate(c))
            {
                return null;
            }
        }

        var lines = text.Split('\n');
        var draft = new SpecDraft();
        var index = 0;
        while (index < lines.Length)
        {
            var line = lines[index];
            if (IsBlankOrComment(line))
            {
                index++;
                continue;
            }

            if (line[0] == ' ' || !TrySplitKey(line, out var key, out var rest, out var valueColumn) || draft.Values.ContainsKey(key))
            {
                return null;
            }

            index++;
            if (rest.Length == 0)
            {
                var list = ReadBlockSequence(lines, ref index);
                if (list is null)
                {
                    return null;
                }

                draft.Values[key] = list;
            }
            else if (rest == "|")
            {
                var block = ReadLiteral(lines, ref index);
                if (block is null)
                {
                    return null;
                }

                draft.Values[key] = block;
            }
            else if (rest[0] == '[')
            {
                var list = ReadFlowSequence(rest);
                if (list is null)
                {
                    return null;
                }

                draft.Values[key] = list;
            }
            else
            {
                if (ReadScalar(rest, flow: false) is not { } scalar)
                {
                    return null;
                }

                draft.Values[key] = scalar;
                if (key == "id")
                {
                    draft.IdLine = index; // one-based: index already points past this line
                    draft.IdColumn = valueColumn;
                }
            }
        }

        return draft.Values.Count == 0 ? null : draft;
    }

    private static bool IsBlankOrComment(string line)
    {
        var trimmed = line.TrimStart(' ');
        return trimmed.Length == 0 || trimmed[0] == '#';
    }

    /// <summary><c>key: rest</c> with a lower-case key; rest trimmed of trailing spaces.</summary>
    private static bool TrySplitKey(string line, out string key, out string rest, out int valueColumn)
    {
        key = rest = string.Empty;
        valueColumn = 0;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || (colon + 1 < line.Length && line[colon + 1] != ' '))
        {
            return false;
        }

        for (var i = 0; i < colon; i++)
        {
            if (line[i] is not ((>= 'a' and <= 'z') or '_'))
            {
                return false;
            }
        }

        key = line[..colon];
        var start = colon + 1;
        while (start < line.Length && line[start] == ' ')
        {
            start++;
        }

        rest = line[start..].TrimEnd(' ');
        valueColumn = start + 1;
        return true;
    }

    /// <summary>A one-line scalar: plain, or quoted without escapes; nothing may follow it.</summary>
    private static string? ReadScalar(string value, bool flow)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value[0] is '"' or '\'')
        {
            var quote = value[0];
            if (value.Length < 2 || value[^1] != quote)
            {
                return null;
            }

            var inner = value[1..^1];
            return inner.Contains(quote, StringComparison.Ordinal) || (quote == '"' && inner.Contains('\\', StringComparison.Ordinal)) ? null : inner;
        }

        // Plain: no indicator first, no ": " or " #" inside, no trailing ':'; in a [list] no ,[]{} either.
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal)
            || value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value[^1] == ':'
            || (flow && value.IndexOfAny([',', '[', ']', '{', '}', ':']) >= 0)
            || !Validation.YamlJsonReader.IsPlainString(value))
        {
            return null;
        }

        return value;
    }

    private static List<object>? ReadFlowSequence(string value)
    {
        if (value[^1] != ']')
        {
            return null;
        }

        var items = new List<object>();
        var inner = value[1..^1].Trim(' ');
        if (inner.Length == 0)
        {
            return items;
        }

        // Quoted items may not contain commas (declined above if they have escapes): split is exact.
        foreach (var part in inner.Split(','))
        {
            if (ReadScalar(part.Trim(' '), flow: true) is not { } item)
            {
                return null;
            }

            items.Add(item);
        }

        return items;
    }

    private static string? ReadLiteral(string[] lines, ref int index)
    {
        var indent = -1;
        var content = new List<string>();
        while (index < lines.Length)
        {
            var line = lines[index];
            if (line.Length == 0)
            {
                content.Add(string.Empty);
                index++;
                continue;
            }

            var spaces = line.Length - line.TrimStart(' ').Length;
            if (spaces == line.Length)
            {
                return null; // whitespace-only lines inside a block: their meaning depends on the indent
            }

            if (indent < 0)
            {
                if (spaces == 0)
                {
                    return null;
                }

                indent = spaces;
            }

            if (spaces < indent)
            {
                if (spaces > 0)
                {
                    return null;
                }

                break;
            }

            content.Add(line[indent..]);
            index++;
        }

        // A block that runs to the end of a file without a final line break has no final newline.
        if (index == lines.Length && lines[^1].Length > 0)
        {
            return null;
        }

        while (content.Count > 0 && content[^1].Length == 0)
        {
            content.RemoveAt(content.Count - 1);
        }

        return content.Count == 0 ? null : string.Join('\n', content) + "\n";
    }

    private static List<object>? ReadBlockSequence(string[] lines, ref int index)
    {
        var items = new List<object>();
        var indent = -1;
        while (index < lines.Length)
        {
            var line = lines[index];
            if (IsBlankOrComment(line))
            {
                index++;
                continue;
            }

            var spaces = line.Length - line.TrimStart(' ').Length;
            if (indent < 0)
            {
                indent = spaces;
            }

            if (spaces != indent || !line.AsSpan(spaces).StartsWith("- "))
            {
                if (spaces == 0 && items.Count > 0 && !line.StartsWith('-'))
                {
                    return items; // the next top-level key
                }

                return null;
            }

            var rest = line[(spaces + 2)..].TrimStart(' ').TrimEnd(' ');
            index++;
            if (TrySplitKey(rest, out var key, out var value, out _))
            {
                if (ReadItemMapping(lines, ref index, spaces + 2, key, value) is not { } pair)
                {
                    return null;
                }

                items.Add(pair);
            }
            else if (ReadScalar(rest, flow: false) is { } scalar)
            {
                items.Add(scalar);
            }
            else
            {
                return null;
            }
        }

        return items.Count == 0 ? null : items;
    }

    private static Dictionary<string, string>? ReadItemMapping(string[] lines, ref int index, int indent, string firstKey, string firstValue)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ReadScalar(firstValue, flow: false) is not { } first)
        {
            return null;
        }

        pairs[firstKey] = first;
        while (index < lines.Length && !IsBlankOrComment(lines[index]))
        {
            var line = lines[index];
            var spaces = line.Length - line.TrimStart(' ').Length;
            if (spaces < indent)
            {
                break;
            }

            if (spaces > indent || !TrySplitKey(line[indent..], out var key, out var value, out _)
                || pairs.ContainsKey(key) || ReadScalar(value, flow: false) is not { } scalar)
            {
                return null;
            }

            pairs[key] = scalar;
            index++;
        }

        return pairs;
    }
}

/// <summary>What <see cref="SpecLineScanner"/> read: top-level values and where the id value starts.</summary>
internal sealed class SpecDraft
{
    public Dictionary<string, object> Values { get; } = new(StringComparer.Ordinal);

    public int IdLine { get; set; }

    public int IdColumn { get; set; }
}
