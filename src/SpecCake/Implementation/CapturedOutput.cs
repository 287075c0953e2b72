using System.Text;
using SpecCake.Configuration;

namespace SpecCake.Implementation;

/// <summary>
/// The output of a child process, masked and bounded: whole lines from any of its streams (a
/// line longer than <see cref="MaxLineLength"/> is cut into pieces, masked before each cut) go to
/// an optional file up to a size limit, and the last characters are kept in <see cref="Tail"/>
/// for the log and for the agent's next prompt. Stdout and stderr may share one: lines
/// interleave whole.
/// </summary>
internal sealed class CapturedOutput : IProcessOutput, IDisposable
{
    public const int MaxLineLength = 64 * 1024;

    // Longer than any credential this masks, so a cut never leaves a secret's prefix behind.
    private const int HoldBack = 4 * 1024;

    private readonly SecretMasker masker;
    private readonly int tailLength;
    private readonly long fileLimit;
    private readonly Action<string>? onLine;
    private readonly StringBuilder tail = new();
    private readonly object gate = new();
    private readonly LineSplitter direct;
    private StreamWriter? file;
    private long written;

    /// <param name="masker">Every credential to mask.</param>
    /// <param name="path">The file to write (created, or appended to), or null.</param>
    /// <param name="fileLimit">The most characters written to the file; a note ends it when cut.</param>
    /// <param name="tailLength">The most characters kept in <see cref="Tail"/>.</param>
    /// <param name="onLine">Sees every masked line without its line break (e.g. to find Claude Code's result).</param>
    public CapturedOutput(SecretMasker masker, string? path, long fileLimit, int tailLength, Action<string>? onLine = null)
    {
        this.masker = masker;
        this.fileLimit = fileLimit;
        this.tailLength = tailLength;
        this.onLine = onLine;
        direct = new LineSplitter(this);
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            file = new StreamWriter(path, append: true, new UTF8Encoding(false));
        }
    }

    /// <summary>Whether the file reached its limit and later output was left out.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The last characters written, masked.</summary>
    public string Tail
    {
        get
        {
            lock (gate)
            {
                return tail.ToString();
            }
        }
    }

    /// <summary>Reads one stream to its end.</summary>
    public async Task ReadAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var splitter = new LineSplitter(this);
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            splitter.Append(buffer.AsSpan(0, read));
        }

        splitter.Flush();
    }

    /// <summary>Adds text as if the process had written it.</summary>
    public void Append(ReadOnlySpan<char> text) => direct.Append(text);

    /// <summary>Writes what is left of an unfinished last line of <see cref="Append"/>, and flushes the file.</summary>
    public void Flush()
    {
        direct.Flush();
        lock (gate)
        {
            file?.Flush();
        }
    }

    public void Dispose()
    {
        Flush();
        lock (gate)
        {
            file?.Dispose();
            file = null;
        }
    }

    private void Emit(string raw)
    {
        var line = masker.Apply(raw);
        lock (gate)
        {
            onLine?.Invoke(line.TrimEnd('\n', '\r'));
            tail.Append(line);
            if (tail.Length > tailLength)
            {
                tail.Remove(0, tail.Length - tailLength);
            }

            if (file is null || Truncated)
            {
                return;
            }

            if (written + line.Length > fileLimit)
            {
                Truncated = true;
                file.Write($"\n[SpecCake: output cut here, after {written} characters]\n");
                return;
            }

            written += line.Length;
            file.Write(line);
        }
    }

    /// <summary>Cuts one stream into lines.</summary>
    private sealed class LineSplitter(CapturedOutput sink)
    {
        private readonly StringBuilder pending = new();

        public void Append(ReadOnlySpan<char> text)
        {
            lock (pending)
            {
                foreach (var c in text)
                {
                    pending.Append(c);
                    if (c == '\n')
                    {
                        sink.Emit(pending.ToString());
                        pending.Clear();
                    }
                    else if (pending.Length >= MaxLineLength + HoldBack)
                    {
                        // Masked whole before the cut, so a secret inside is already gone; the last
                        // HoldBack characters wait for the rest of the line, where a secret that starts
                        // in them can still be found whole.
                        var masked = sink.masker.Apply(pending.ToString());
                        pending.Clear();
                        if (masked.Length <= HoldBack)
                        {
                            pending.Append(masked);
                            continue;
                        }

                        sink.Emit(masked[..^HoldBack]);
                        pending.Append(masked, masked.Length - HoldBack, HoldBack);
                    }
                }
            }
        }

        public void Flush()
        {
            lock (pending)
            {
                if (pending.Length > 0)
                {
                    sink.Emit(pending.ToString());
                    pending.Clear();
                }
            }
        }
    }
}
