namespace SpecCake.Host.Internal;

/// <summary>
/// Start-up milestones on stderr when <c>SPECCAKE_TRACE_STARTUP=1</c>: how the start-up figures in
/// bench/README.md were taken apart, kept for the next person who measures.
/// </summary>
internal static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("SPECCAKE_TRACE_STARTUP") == "1";
    private static readonly System.Diagnostics.Stopwatch Watch = System.Diagnostics.Stopwatch.StartNew();

    public static void Mark(string what)
    {
        if (Enabled)
        {
            Console.Error.WriteLine($"[{Watch.Elapsed.TotalMilliseconds:F1} ms] {what}");
        }
    }
}
