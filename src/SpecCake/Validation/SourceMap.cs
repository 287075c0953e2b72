namespace SpecCake.Validation;

/// <summary>
/// Where each value (and each mapping key) of a YAML document starts, by JSON Pointer, so that
/// errors found on the JSON view of the document can name the line and column the user wrote.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, SourcePosition> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourcePosition> _keys = new(StringComparer.Ordinal);

    public void AddValue(string pointer, SourcePosition position) => _values[pointer] = position;

    public void AddKey(string pointer, SourcePosition position) => _keys[pointer] = position;

    /// <summary>The start of the value at <paramref name="pointer"/>, or of its nearest recorded ancestor.</summary>
    public SourcePosition ValueAt(string pointer)
    {
        for (var current = pointer; ; current = JsonPointerText.Parent(current))
        {
            if (_values.TryGetValue(current, out var position))
            {
                return position;
            }

            if (current.Length == 0)
            {
                return SourcePosition.WholeFile;
            }
        }
    }

    /// <summary>The start of the key naming <paramref name="pointer"/>; the value's position for array items.</summary>
    public SourcePosition KeyAt(string pointer) =>
        _keys.TryGetValue(pointer, out var position) ? position : ValueAt(pointer);
}

/// <summary>A one-based line and column; (0, 0) stands for the whole file.</summary>
// A class, not a struct: dictionaries of it then run the runtime's shared, precompiled code
// instead of being compiled at start-up.
internal sealed record SourcePosition(int Line, int Column)
{
    public static SourcePosition WholeFile { get; } = new(0, 0);
}

/// <summary>RFC 6901 JSON Pointer strings, built and read without allocating a pointer object per node.</summary>
internal static class JsonPointerText
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + (segment.Contains('~') || segment.Contains('/')
            ? segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : segment);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Parent(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? string.Empty : pointer[..slash];
    }

    public static IReadOnlyList<string> Segments(string pointer) =>
        pointer.Length == 0
            ? []
            : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    /// <summary>The user's view of a location: <c>integrations.webhooks.endpoints[0].url</c>; keys written by the user are escaped for the log.</summary>
    public static string ToDotted(string pointer)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var segment in Segments(pointer))
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit) && builder.Length > 0)
            {
                builder.Append('[').Append(segment).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(LogText.Escaped(segment, LogText.ShownLength));
            }
        }

        return builder.ToString();
    }
}
