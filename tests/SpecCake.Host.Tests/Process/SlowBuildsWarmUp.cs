using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SpecCake.Host.Tests.Process;

/// <summary>
/// Starts the slow shared builds (the ReadyToRun host, <c>pack.sh</c>'s feed) in the background as soon
/// as this test assembly loads. Its tests run one at a time (AssemblyInfo.cs), so a build started only
/// when its first test came up ran alone at the end of the run, with the other core idle; started
/// here it overlaps the tests before it. Whoever needs a build waits for the same one
/// (<see cref="HostBuild.Of"/>, <see cref="PackedFeed.Get"/>), and a failed build still fails the
/// tests that use it.
/// </summary>
internal static class SlowBuildsWarmUp
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "A test assembly: the run starts its slow builds early, nothing else.")]
    internal static void Start()
    {
        _ = Task.Run(() => HostBuild.Of("readytorun"));
        _ = Task.Run(PackedFeed.Get);
    }
}
