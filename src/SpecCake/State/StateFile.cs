using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpecCake.State;

/// <summary>
/// A small JSON file in the state directory (<c>notifications.state_file</c> and what sits beside
/// it), shared by consecutive CI runs through the workflow's cache and by concurrent runs on one
/// machine. Every read-decide-write holds the file with an exclusive lock (<see cref="FileShare.None"/>,
/// an OS lock the system drops when the process dies). A damaged file never stops a notification:
/// it reads as empty, with a warning that names it, and is rewritten.
/// </summary>
internal sealed class StateFile(string path, TimeProvider timeProvider, TimeSpan lockTimeout)
{
    /// <summary>A time as the state files write it: UTC, round-trip format.</summary>
    public static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A time read back; null for anything that is not one (a number, a word).</summary>
    public static DateTimeOffset? Time(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String &&
        DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    /// <summary>The file's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// Reads the file under the lock, lets <paramref name="update"/> decide, and writes what it
    /// returns (nothing when it returns null for the document).
    /// </summary>
    /// <exception cref="IOException">The file stayed locked by another run past the timeout, or cannot be written.</exception>
    public async Task<(T Result, string? Warning)> UpdateAsync<T>(Func<JsonObject?, (JsonObject? Write, T Result)> update, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var file = await OpenAsync(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, cancellationToken).ConfigureAwait(false);
        var (root, warning) = await ReadAsync(file!, cancellationToken).ConfigureAwait(false);
        var (write, result) = update(root);
        if (write is not null)
        {
            file!.Position = 0;
            file.SetLength(0);
            await using (var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
            {
                write.WriteTo(writer);
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        return (result, warning);
    }

    /// <summary>Reads the file without writing anything (for <c>--dryrun</c>); null when it does not exist.</summary>
    public async Task<(JsonObject? Root, string? Warning)> ReadOnlyAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return (null, null);
        }

        await using var file = await OpenAsync(FileMode.Open, FileAccess.Read, FileShare.Read, cancellationToken).ConfigureAwait(false);
        return file is null ? (null, null) : await ReadAsync(file, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FileStream?> OpenAsync(FileMode mode, FileAccess access, FileShare share, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp() + (long)(lockTimeout.TotalSeconds * timeProvider.TimestampFrequency);
        var wait = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                return new FileStream(Path, mode, access, share, bufferSize: 1, FileOptions.Asynchronous);
            }
            catch (FileNotFoundException) when (mode == FileMode.Open)
            {
                return null;
            }
            catch (IOException) when (timeProvider.GetTimestamp() < deadline)
            {
                // Another run holds the file: it keeps it for milliseconds, so poll briefly.
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 200));
            }
        }
    }

    private async Task<(JsonObject? Root, string? Warning)> ReadAsync(FileStream file, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            return (null, null);
        }

        try
        {
            var root = await JsonNode.ParseAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
            return root is JsonObject state
                ? (state, null)
                : (null, $"the state file {Path} is not a JSON object; it is ignored and will be rewritten");
        }
        catch (JsonException error)
        {
            // A cache restored half-way, a hand edit: notifications must not stop for it.
            var where = error.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
            return (null, $"the state file {Path} is not valid JSON{where}; it is ignored and will be rewritten");
        }
    }
}
