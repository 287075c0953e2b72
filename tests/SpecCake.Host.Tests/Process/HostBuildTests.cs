namespace SpecCake.Host.Tests.Process;

public sealed class HostBuildTests
{
    [Fact]
    public async Task Rewrite_AnotherProcessAsksForTheHostMeanwhile_WaitsForTheRewriteAndBuildsNothing()
    {
        // A host kind of its own: its entry holds no host, only what this test writes.
        var kind = "rewrite-test-" + Guid.NewGuid().ToString("N")[..8];
        var name = HostBuild.EntryName(kind);
        var folder = BuildCache.Entry(name, made => File.WriteAllText(Path.Combine(made, "host-directory"), "/nowhere"));
        try
        {
            var host = new HostBuild(kind, folder, "/nowhere", new ProcessRun(0, "", "", TimeSpan.Zero));
            var builtAgain = false;
            Task<string>? asked = null;

            var result = host.Rewrite(() =>
            {
                // Another test project asks for the same host while build.ps1 rewrites its folder.
                asked = Task.Run(() => BuildCache.Entry(name, _ => builtAgain = true));
                var answeredDuringTheRewrite = asked.Wait(TimeSpan.FromSeconds(2));
                return new ProcessRun(answeredDuringTheRewrite ? 1 : 0, "", "", TimeSpan.Zero);
            });

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(folder, await asked!);
            Assert.False(builtAgain);
            Assert.Equal("/nowhere", File.ReadAllText(Path.Combine(folder, "host-directory")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
