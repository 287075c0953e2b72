using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SpecCake.Validation;

/// <summary>A YAML document seen as JSON, with the line and column of every value and key.</summary>
/// <param name="Root">The document's root; null for an empty file.</param>
/// <param name="Map">Where each value and key starts.</param>
internal sealed record YamlJsonDocument(JsonNode? Root, SourceMap Map);

/// <summary>
/// Reads YAML straight from the parser's events into <see cref="JsonNode"/>s. The events carry
/// the marks the representation model would lose, and a parse failure that YamlDotNet reports
/// without a position can still be placed at the last event read. Every spec and configuration
/// file goes through here, so here are the bounds: at most <see cref="MaxValues"/> values, aliases
/// counted as the copies they stand for (a "billion laughs" file of a few hundred bytes otherwise
/// expands to gigabytes), and at most <see cref="MaxDepth"/> levels.
/// </summary>
internal static partial class YamlJsonReader
{
    /// <summary>The most values (scalars, lists, mappings; an alias counts as what it copies) one file may hold.</summary>
    public const int MaxValues = 10_000;

    private const int MaxDepth = 100;

    /// <summary>
    /// Parses <paramref name="text"/>; on a syntax error adds it to <paramref name="errors"/>
    /// (named after <paramref name="file"/>) and returns null. Never throws for bad content.
    /// </summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="file">How errors name the file.</param>
    /// <param name="errors">Receives syntax errors.</param>
    public static YamlJsonDocument? Read(string text, string file, ICollection<ValidationError> errors)
    {
        // Positions are always recorded: measured on 10,000 specs they cost about 2% of the read,
        // less than a second pass for the files that turn out to have an error.
        var reader = new EventReader(new Parser(new StringReader(text)));
        var map = new SourceMap();
        var before = errors.Count;
        try
        {
            reader.Expect<StreamStart>();
            if (reader.Current is StreamEnd)
            {
                return new YamlJsonDocument(null, map);
            }

            reader.Expect<DocumentStart>();
            var state = new ReadState(reader, map, file, errors);
            var root = reader.Current is DocumentEnd ? null : ReadNode(state, string.Empty, 0);
            reader.Expect<DocumentEnd>();
            if (reader.Current is DocumentStart)
            {
                var at = reader.Current.Start;
                errors.Add(new ValidationError(file, (int)at.Line, (int)at.Column, "only one YAML document is allowed per file; remove the second '---' document"));
            }

            return errors.Count == before ? new YamlJsonDocument(root, map) : null;
        }
        catch (DocumentLimitException exception)
        {
            errors.Add(new ValidationError(file, (int)Math.Max(1, exception.At.Line), (int)Math.Max(1, exception.At.Column), exception.Message));
            return null;
        }
        catch (YamlException exception)
        {
            var at = exception.Start.Line > 0 ? exception.Start : reader.LastStart;
            var (line, column) = exception.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text) is { } tab
                ? tab
                : ((int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column));
            errors.Add(new ValidationError(file, line, column, Describe(exception.Message)));
            return null;
        }
        catch (Exception exception) when (exception is not YamlException and not DocumentLimitException and not OutOfMemoryException)
        {
            // YamlDotNet throws InvalidOperationException (without a mark) for some unclosed flow
            // collections; whatever it throws, the user gets a position, never a stack trace.
            var at = reader.LastStart;
            errors.Add(new ValidationError(file, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column),
                "YAML syntax error: a '[...]' or '{...}' collection is not closed, or the indentation after it is off"));
            return null;
        }
    }

    private static JsonNode? ReadNode(ReadState state, string pointer, int depth)
    {
        var reader = state.Reader;
        var current = reader.Current;
        var start = new SourcePosition((int)current.Start.Line, (int)current.Start.Column);
        if (depth > MaxDepth)
        {
            throw new DocumentLimitException(current.Start, $"the document is nested more than {MaxDepth} levels deep; a spec or configuration is far flatter");
        }

        var countBefore = state.Count;
        JsonNode? node;
        switch (current)
        {
            case Scalar scalar:
                state.Add(1, scalar.Start, alias: null);
                reader.Next();
                node = ToJson(scalar);
                state.Remember(scalar, node, countBefore);
                break;
            case AnchorAlias alias:
                if (!state.Anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw new YamlException(alias.Start, alias.End, $"the alias {LogText.Quoted("*" + alias.Value.Value)} refers to no anchor defined before it");
                }

                // Counted before it is copied: the copy is what costs the memory.
                state.Add(anchored.Size, alias.Start, alias.Value.Value);
                reader.Next();
                node = anchored.Node?.DeepClone();
                break;
            case SequenceStart sequenceStart:
            {
                state.Add(1, sequenceStart.Start, alias: null);
                reader.Next();
                var array = new JsonArray();
                var index = 0;
                while (reader.Current is not SequenceEnd)
                {
                    array.Add(ReadNode(state, JsonPointerText.Append(pointer, index++), depth + 1));
                }

                reader.Next();
                node = array;
                state.Remember(sequenceStart, node, countBefore);
                break;
            }

            case MappingStart mappingStart:
            {
                state.Add(1, mappingStart.Start, alias: null);
                reader.Next();
                var obj = new JsonObject();
                var keyStarts = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
                while (reader.Current is not MappingEnd)
                {
                    if (reader.Current is not Scalar keyScalar)
                    {
                        var at = reader.Current.Start;
                        throw new YamlException(at, reader.Current.End, "mapping keys must be plain names, not lists or mappings");
                    }

                    reader.Next();
                    var key = keyScalar.Value;
                    var keyStart = new SourcePosition((int)keyScalar.Start.Line, (int)keyScalar.Start.Column);
                    var childPointer = JsonPointerText.Append(pointer, key);
                    var value = ReadNode(state, childPointer, depth + 1);
                    if (keyStarts.TryGetValue(key, out var first))
                    {
                        state.Errors.Add(new ValidationError(state.File, keyStart.Line, keyStart.Column,
                            $"duplicate key {LogText.Quoted(key)} (first defined at line {first.Line}); remove one of them"));
                        continue;
                    }

                    keyStarts[key] = keyStart;
                    state.Map.AddKey(childPointer, keyStart);
                    obj[key] = value;
                }

                reader.Next();
                node = obj;
                state.Remember(mappingStart, node, countBefore);
                break;
            }

            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }

        state.Map.AddValue(pointer, start);
        return node;
    }

    /// <summary>YAML 1.2 core schema for plain scalars; quoted and block scalars are always strings.</summary>
    private static JsonNode? ToJson(Scalar scalar)
    {
        var value = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (scalar.Style != ScalarStyle.Plain && tag is null or "!"))
        {
            return JsonValue.Create(value);
        }

        if (value.Length == 0 || value is "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        // Nearly every plain scalar is words: only one that starts like a number can be one.
        if (!char.IsAsciiDigit(value[0]) && value[0] is not ('-' or '+' or '.'))
        {
            return JsonValue.Create(value);
        }

        if (IntegerPattern().IsMatch(value))
        {
            return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? JsonValue.Create(whole)
                : JsonValue.Create(decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    /// <summary>YamlDotNet places tab errors at the enclosing mapping; the user needs the tab itself.</summary>
    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var indent = lines[index].Length - lines[index].TrimStart(' ', '\t').Length;
            var tab = lines[index].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return (index + 1, tab + 1);
            }
        }

        return null;
    }

    private static string Describe(string parserMessage)
    {
        var hint = parserMessage switch
        {
            _ when parserMessage.Contains("tab", StringComparison.OrdinalIgnoreCase) => " (indent with spaces, not tabs)",
            _ when parserMessage.Contains("invalid mapping", StringComparison.OrdinalIgnoreCase)
                || parserMessage.Contains("Mapping values are not allowed", StringComparison.OrdinalIgnoreCase)
                => " (quote a value that contains ': ', or fix the indentation)",
            _ when parserMessage.Contains("quoted scalar", StringComparison.OrdinalIgnoreCase) => " (a quoted string is not closed)",
            _ when parserMessage.Contains("did not find expected key", StringComparison.OrdinalIgnoreCase)
                || parserMessage.Contains("did not find expected", StringComparison.OrdinalIgnoreCase)
                => " (check the indentation of this line and the one before)",
            _ => string.Empty,
        };
        var text = LogText.Escaped(parserMessage.TrimEnd('.'), LogText.ShownLength * 4);
        return $"YAML syntax error: {char.ToLowerInvariant(text[0])}{text[1..]}{hint}";
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    /// <summary>One file's read: the events, the positions, the anchors and how many values so far.</summary>
    private sealed class ReadState(EventReader reader, SourceMap map, string file, ICollection<ValidationError> errors)
    {
        public EventReader Reader { get; } = reader;

        public SourceMap Map { get; } = map;

        public string File { get; } = file;

        public ICollection<ValidationError> Errors { get; } = errors;

        public Dictionary<string, Anchored> Anchors { get; } = new(StringComparer.Ordinal);

        public long Count { get; private set; }

        /// <summary>Counts <paramref name="values"/> more; past <see cref="MaxValues"/> the read stops at <paramref name="at"/>.</summary>
        public void Add(long values, Mark at, string? alias)
        {
            Count += values;
            if (Count <= MaxValues)
            {
                return;
            }

            throw new DocumentLimitException(at, alias is null
                ? $"the file holds more than {MaxValues:N0} values; a spec or configuration is far smaller (split it up)"
                : $"the alias {LogText.Quoted("*" + alias)} would make the file more than {MaxValues:N0} values (aliases are copies: a \"billion laughs\" file?); write the values out, or use fewer aliases");
        }

        public void Remember(NodeEvent nodeEvent, JsonNode? node, long countBefore)
        {
            if (!nodeEvent.Anchor.IsEmpty)
            {
                Anchors[nodeEvent.Anchor.Value] = new Anchored(node, Count - countBefore);
            }
        }
    }

    /// <summary>An anchored value and how many values a copy of it adds.</summary>
    private sealed record Anchored(JsonNode? Node, long Size);

    /// <summary>A bound of <see cref="YamlJsonReader"/> was passed at <see cref="At"/>; the message says which.</summary>
    private sealed class DocumentLimitException(Mark at, string message) : Exception(message)
    {
        public Mark At { get; } = at;
    }

    /// <summary>Walks the parser's events, remembering where the last one started.</summary>
    private sealed class EventReader(IParser parser)
    {
        public ParsingEvent Current { get; private set; } = null!;

        public Mark LastStart { get; private set; } = Mark.Empty;

        public void Next()
        {
            if (!parser.MoveNext())
            {
                throw new YamlException("unexpected end of the file");
            }

            Current = parser.Current!;
            LastStart = Current.Start;
        }

        public void Expect<T>()
            where T : ParsingEvent
        {
            if (Current is null)
            {
                Next();
            }

            if (Current is not T)
            {
                throw new YamlException(Current!.Start, Current.End, $"expected {typeof(T).Name} but found {Current.GetType().Name}");
            }

            if (Current is not StreamEnd)
            {
                Next();
            }
        }
    }
}
