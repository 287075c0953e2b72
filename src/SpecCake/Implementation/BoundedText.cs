using System.Text;

namespace SpecCake.Implementation;

/// <summary>
/// A program's output kept as text, its first <c>limit</c> characters only: the rest is still read
/// (so the program never blocks on a full pipe) but dropped, and <see cref="Full"/> is cancelled, for
/// a caller that would rather stop the program (pass it to <see cref="ChildProcess.RunAsync"/>) than
/// wait for output it will not keep.
/// </summary>
/// <param name="limit">The most characters kept.</param>
internal sealed class BoundedText(int limit) : IProcessOutput, IDisposable
{
    private readonly StringBuilder _text = new();
    private readonly CancellationTokenSource _full = new();

    /// <summary>The characters kept.</summary>
    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Whether the program printed more than the limit.</summary>
    public bool Exceeded { get; private set; }

    /// <summary>Cancelled once the program printed more than the limit.</summary>
    public CancellationToken Full => _full.Token;

    public async Task ReadAsync(TextReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            lock (_text)
            {
                var room = limit - _text.Length;
                _text.Append(buffer, 0, Math.Min(room, read));
                if (read <= room || Exceeded)
                {
                    continue;
                }

                Exceeded = true;
            }

            await _full.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Flush()
    {
    }

    public void Dispose() => _full.Dispose();
}
