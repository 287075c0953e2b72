using System.Text;
using System.Text.Unicode;

namespace SpecCake.Validation;

/// <summary>
/// The text of a spec file or of <c>specs.config.yaml</c>, read the one careful way: a regular file of
/// at most <see cref="MaxBytes"/> (a real spec is a few KB; the limit keeps a huge or endless file from
/// taking time and memory), decoded as strict UTF-8 (a byte that is not UTF-8 is an error at its line
/// and column, never a U+FFFD sent on to Slack), a UTF-8 byte order mark allowed.
/// </summary>
internal static class SourceText
{
    /// <summary>The largest spec or configuration file read: 1 MiB.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary><see cref="MaxBytes"/> as the README and the messages say it.</summary>
    public const string MaxSize = "1 MiB";

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Reads <paramref name="path"/>; null, with the reason added to <paramref name="errors"/>, when it cannot be used.</summary>
    /// <param name="path">The file.</param>
    /// <param name="displayName">How errors name it.</param>
    /// <param name="kind">What the file should be, for the messages: "spec file", "configuration file".</param>
    /// <param name="errors">Receives the one problem, if any.</param>
    /// <exception cref="FileNotFoundException">There is no such file (callers word that themselves).</exception>
    /// <exception cref="DirectoryNotFoundException">Its folder does not exist.</exception>
    public static string? Read(string path, string displayName, string kind, ICollection<ValidationError> errors)
    {
        byte[] buffer;
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var declared = stream.Length;
            if (declared > MaxBytes)
            {
                errors.Add(new ValidationError(displayName, 0, 0, $"is {Size(declared)}, more than the {MaxSize} a {kind} may have; a {kind} is a few KB of YAML"));
                return null;
            }

            // Read up to one byte past the limit whatever the file claims: a device or a pipe says 0 and
            // never ends. The buffer starts at the declared size (one read for a plain file) and grows.
            buffer = new byte[(int)Math.Min(MaxBytes + 1L, declared > 0 ? declared + 1 : 4096)];
            length = 0;
            int read;
            while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    if (buffer.Length > MaxBytes)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, Math.Min(MaxBytes + 1, buffer.Length * 2));
                }
            }

            if (length > MaxBytes)
            {
                errors.Add(new ValidationError(displayName, 0, 0, declared == 0
                    ? $"is not a regular file (a device or a pipe?); a {kind} is a YAML file of at most {MaxSize}"
                    : $"is more than the {MaxSize} a {kind} may have; a {kind} is a few KB of YAML"));
                return null;
            }
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            // .NET refuses to open a directory as "access denied"; say what it is.
            errors.Add(new ValidationError(displayName, 0, 0, $"is a directory, not a {kind}; name a YAML file"));
            return null;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException and not FileNotFoundException and not DirectoryNotFoundException)
        {
            errors.Add(new ValidationError(displayName, 0, 0, $"cannot read the {kind}: {LogText.Escaped(exception.Message)}"));
            return null;
        }

        return Decode(buffer.AsSpan(0, length), displayName, errors);
    }

    /// <summary>Strict UTF-8 to text; null, with an error at the first bad byte's line and column, when it is not UTF-8.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string displayName, ICollection<ValidationError> errors)
    {
        if (bytes.StartsWith(ByteOrderMark))
        {
            bytes = bytes[ByteOrderMark.Length..];
        }

        // The usual case in one vectorised pass and one copy; the slow path only finds the place.
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var chars = new char[bytes.Length];
        Utf8.ToUtf16(bytes, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);

        // Everything before the bad byte decoded: count lines and columns as YAML does (in characters).
        var before = chars.AsSpan(0, charsWritten);
        var line = before.Count('\n') + 1;
        var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
        var bad = bytes.Slice(bytesRead, Math.Min(4, bytes.Length - bytesRead));
        var shown = string.Join(' ', bad.ToArray().Select(b => $"0x{b:X2}"));
        errors.Add(new ValidationError(displayName, line, column, $"not valid UTF-8 here (bytes {shown}); save the file as UTF-8"));
        return null;
    }

    private static string Size(long bytes) =>
        bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.#} MiB" : $"{bytes / 1024.0:0.#} KiB";
}
