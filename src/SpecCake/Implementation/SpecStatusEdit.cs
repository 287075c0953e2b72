using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SpecCake.Implementation;

/// <summary>
/// Sets a spec file's <c>status: approved</c> to <c>implemented</c> by rewriting that one scalar
/// in place: the parser finds where the value stands in the text, and only those characters
/// change, in the quoting style they were written in. Comments, key order, flow style, line
/// endings and a byte-order mark stay exactly as they were (a YAML round trip would lose them).
/// </summary>
internal static class SpecStatusEdit
{
    /// <summary>The status a merged implementation gives the spec.</summary>
    public const string Implemented = "implemented";

    /// <summary>
    /// The text with the top-level <c>status</c> set to <c>implemented</c>, or null when there is
    /// nothing to change (no such key, or a status other than <c>approved</c>).
    /// </summary>
    /// <param name="text">The spec file's text.</param>
    /// <exception cref="YamlException">The text is not YAML.</exception>
    public static string? MarkImplemented(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var rootIsMapping = false;
        var isKey = true;
        var statusNext = false;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart when depth == 0:
                    rootIsMapping = parser.Current is MappingStart;
                    depth = 1;
                    break;
                case MappingStart or SequenceStart:
                    if (depth == 1)
                    {
                        if (statusNext)
                        {
                            return null;
                        }

                        // A whole nested node is one key or one value of the top-level mapping.
                        isKey = !isKey;
                    }

                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case Scalar scalar when depth == 1 && rootIsMapping:
                    if (statusNext)
                    {
                        return scalar.Value == "approved" ? Replace(text, scalar) : null;
                    }

                    statusNext = isKey && scalar.Value == "status";
                    isKey = !isKey;
                    break;
                case AnchorAlias when depth == 1:
                    if (statusNext)
                    {
                        return null;
                    }

                    isKey = !isKey;
                    break;
            }
        }

        return null;
    }

    /// <summary>Sets <paramref name="path"/>'s status to <c>implemented</c>; whether it changed.</summary>
    /// <param name="path">The spec file.</param>
    public static bool MarkImplementedFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = bytes is [0xEF, 0xBB, 0xBF, ..];
        var text = new UTF8Encoding(false, true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        if (MarkImplemented(text) is not { } changed)
        {
            return false;
        }

        var encoded = Encoding.UTF8.GetBytes(changed);
        File.WriteAllBytes(path, bom ? [0xEF, 0xBB, 0xBF, .. encoded] : encoded);
        return true;
    }

    private static string Replace(string text, Scalar scalar)
    {
        var start = (int)scalar.Start.Index;
        var end = (int)scalar.End.Index;
        var written = text[start..end];
        var value = scalar.Style switch
        {
            ScalarStyle.DoubleQuoted => "\"" + Implemented + "\"",
            ScalarStyle.SingleQuoted => "'" + Implemented + "'",
            ScalarStyle.Plain => Implemented,
            _ => null,
        };

        // A block scalar (| or >) or an escaped form: rewrite it as a plain scalar, still in place.
        if (value is null || written.Trim('"', '\'') != "approved")
        {
            value = Implemented;
        }

        return string.Concat(text.AsSpan(0, start), value, text.AsSpan(end));
    }
}
