using Xunit.Abstractions;
using Xunit.Sdk;

namespace SpecCake.Host.Tests;

/// <summary>
/// The order of this assembly's test classes, which run one at a time (AssemblyInfo.cs): in the order
/// their shared builds are ready in a fresh run (HostBuild, PackedFeed), so no class waits for a build
/// while classes whose build is ready wait behind it. First what needs no build, then the machine's
/// host, then pack.sh's feed (after the host), then the ReadyToRun host (after the feed), then the one
/// class that needs both hosts, and last the one that takes the lock every build holds
/// (<see cref="HostBuild.LockFolders"/>), so it waits for them all. In discovery order, a fresh
/// `dotnet test` ran the ReadyToRun class first and waited for its build (about a minute) while the
/// native host's tests, ready, waited behind it; and with the lock's class among the first, the
/// native host's tests waited for every build (two minutes after their host was ready).
/// </summary>
public sealed class BuildReadinessOrder : ITestCollectionOrderer
{
    /// <summary>The name this orderer is registered under (AssemblyInfo.cs).</summary>
    public const string TypeName = "SpecCake.Host.Tests.BuildReadinessOrder";

    /// <summary>The assembly it is in.</summary>
    public const string AssemblyName = "SpecCake.Host.Tests";

    // A test class's own collection is named "Test collection for <its full name>".
    private static readonly (string Collection, int Rank)[] Ranks =
    [
        (Process.NativeHostCollection.Name, 1),
        (typeof(Process.ToolPackageTests).FullName!, 2),
        (typeof(Process.ReadyToRunBuildShTests).FullName!, 3),
        (typeof(Process.NativeBuildPs1Tests).FullName!, 4),
        (typeof(Process.HostBuildTests).FullName!, 5),
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);

    /// <summary>When the collection's build is ready: 0 for none, then in the order above.</summary>
    private static int Rank(ITestCollection collection)
    {
        foreach (var (name, rank) in Ranks)
        {
            if (collection.DisplayName == name || collection.DisplayName.EndsWith(" " + name, StringComparison.Ordinal))
            {
                return rank;
            }
        }

        return 0;
    }
}
