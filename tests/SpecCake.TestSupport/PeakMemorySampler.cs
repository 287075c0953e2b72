using System.Diagnostics;

namespace SpecCake.TestSupport;

/// <summary>
/// Follows a running process's peak resident memory (Linux <c>/proc/&lt;pid&gt;/status</c>, VmHWM) on a
/// background thread, and kills the process once it passes a limit, so a runaway child cannot take
/// the machine down with it. VmHWM is the kernel's own high-water mark: a sample taken late still
/// holds every earlier peak, so only growth in the last few milliseconds before exit can be missed.
/// Works wherever <c>/proc</c> does (every Linux CI machine) without <c>/usr/bin/time</c>; elsewhere
/// the peak reads -1.
/// </summary>
public sealed class PeakMemorySampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly Process _process;
    private readonly long? _killAbove;
    private readonly string _statusFile;
    private readonly Thread _thread;
    private volatile bool _stopped;
    private long _peak = -1;

    public PeakMemorySampler(Process process, long? killAboveBytes)
    {
        _process = process;
        _killAbove = killAboveBytes;
        _statusFile = $"/proc/{process.Id}/status";
        _thread = new Thread(Sample) { IsBackground = true, Name = "peak-memory" };
        _thread.Start();
    }

    /// <summary>The highest VmHWM read so far, in bytes; -1 when none could be read.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>Stops sampling and returns the peak.</summary>
    public long Stop()
    {
        _stopped = true;
        _thread.Join();
        return PeakBytes;
    }

    public void Dispose() => Stop();

    private void Sample()
    {
        while (!_stopped)
        {
            if (ReadHighWaterMark() is { } bytes && bytes > PeakBytes)
            {
                Interlocked.Exchange(ref _peak, bytes);
                if (bytes > _killAbove)
                {
                    try
                    {
                        _process.Kill(entireProcessTree: true);
                    }
                    catch (InvalidOperationException)
                    {
                        // It has exited on its own meanwhile.
                    }
                }
            }

            Thread.Sleep(Interval);
        }
    }

    private long? ReadHighWaterMark()
    {
        try
        {
            foreach (var line in File.ReadLines(_statusFile))
            {
                // "VmHWM:    123456 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not started yet, already gone, or no /proc here.
        }

        return null;
    }
}
