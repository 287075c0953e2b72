namespace SpecCake.Host.Internal;

internal static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("SPECCAKE_TRACE") == "1";
    private static readonly System.Diagnostics.Stopwatch Watch = System.Diagnostics.Stopwatch.StartNew();

    public static void Mark(string what)
    {
        if (Enabled)
        {
            Console.Error.WriteLine($"[{Watch.Elapsed.TotalMilliseconds:F1} ms] {what}");
        }
    }
}
