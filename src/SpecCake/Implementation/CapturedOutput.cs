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

    private readonly SecretMasker _masker;
    private readonly int _tailLength;
    private readonly long _fileLimit;
    private readonly Action<string>? _onLine;
    private readonly StringBuilder _tail = new();
    private readonly object _gate = new();
    private readonly LineSplitter _direct;
    private StreamWriter? _file;
    private long _written;

    /// <param name="masker">Every credential to mask.</param>
    /// <param name="path">The file to write (created, or appended to), or null.</param>
    /// <param name="fileLimit">The most characters written to the file; a note ends it when cut.</param>
    /// <param name="tailLength">The most characters kept in <see cref="Tail"/>.</param>
    /// <param name="onLine">Sees every masked line without its line break (e.g. to find Claude Code's result).</param>
    public CapturedOutput(SecretMasker masker, string? path, long fileLimit, int tailLength, Action<string>? onLine = null)
    {
        this._masker = masker;
        this._fileLimit = fileLimit;
        this._tailLength = tailLength;
        this._onLine = onLine;
        _direct = new LineSplitter(this);
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _file = new StreamWriter(path, append: true, new UTF8Encoding(false));
        }
    }

    /// <summary>Whether the file reached its limit and later output was left out.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The last characters written, masked.</summary>
    public string Tail
    {
        get
        {
            lock (_gate)
            {
                return _tail.ToString();
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
    public void Append(ReadOnlySpan<char> text) => _direct.Append(text);

    /// <summary>Writes what is left of an unfinished last line of <see cref="Append"/>, and flushes the file.</summary>
    public void Flush()
    {
        _direct.Flush();
        lock (_gate)
        {
            _file?.Flush();
        }
    }

    public void Dispose()
    {
        Flush();
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private void Emit(string raw)
    {
        var line = _masker.Apply(raw);
        lock (_gate)
        {
            _onLine?.Invoke(line.TrimEnd('\n', '\r'));
            _tail.Append(line);
            if (_tail.Length > _tailLength)
            {
                _tail.Remove(0, _tail.Length - _tailLength);
            }

            if (_file is null || Truncated)
            {
                return;
            }

            if (_written + line.Length > _fileLimit)
            {
                Truncated = true;
                _file.Write($"\n[SpecCake: output cut here, after {_written} characters]\n");
                return;
            }

            _written += line.Length;
            _file.Write(line);
        }
    }

    /// <summary>Cuts one stream into lines.</summary>
    private sealed class LineSplitter(CapturedOutput sink)
    {
        private readonly StringBuilder _pending = new();

        public void Append(ReadOnlySpan<char> text)
        {
            lock (_pending)
            {
                foreach (var c in text)
                {
                    _pending.Append(c);
                    if (c == '\n')
                    {
                        sink.Emit(_pending.ToString());
                        _pending.Clear();
                    }
                    else if (_pending.Length >= MaxLineLength + HoldBack)
                    {
                        // Masked whole before the cut, so a secret inside is already gone; the last
                        // HoldBack characters wait for the rest of the line, where a secret that starts
                        // in them can still be found whole.
                        var masked = sink._masker.Apply(_pending.ToString());
                        _pending.Clear();
                        if (masked.Length <= HoldBack)
                        {
                            _pending.Append(masked);
                            continue;
                        }

                        sink.Emit(masked[..^HoldBack]);
                        _pending.Append(masked, masked.Length - HoldBack, HoldBack);
                    }
                }
            }
        }

        public void Flush()
        {
            lock (_pending)
            {
                if (_pending.Length > 0)
                {
                    sink.Emit(_pending.ToString());
                    _pending.Clear();
                }
            }
        }
    }
}
