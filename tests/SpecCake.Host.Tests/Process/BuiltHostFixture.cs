namespace SpecCake.Host.Tests.Process;

/// <summary>
/// Builds this repository's host once per test run through <c>build.sh</c>, into a fresh folder
/// (so the first run is a true first run), then starts it a second time (the warm path).
/// </summary>
public sealed class BuiltHostFixture : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "speccake-host-" + Guid.NewGuid().ToString("N"));

    public BuiltHostFixture()
    {
        HostDirectory = Path.Combine(_root, "host");
        FirstRun = BuildSh("--version");
        SecondRun = BuildSh("--version");
    }

    public string HostDirectory { get; }

    public ProcessRun FirstRun { get; }

    public ProcessRun SecondRun { get; }

    public ProcessRun BuildSh(params string[] args) => ProcessRun.Start(
        "bash",
        [Path.Combine(RepositoryRoot.Path, "build.sh"), .. args],
        RepositoryRoot.Path,
        new Dictionary<string, string?> { ["SPECCAKE_HOST_DIR"] = HostDirectory },
        TimeSpan.FromMinutes(10));

    public ProcessRun BuildPs1(params string[] args) => ProcessRun.Start(
        "dotnet",
        ["pwsh", "-NoLogo", "-NoProfile", "-File", Path.Combine(RepositoryRoot.Path, "build.ps1"), .. args],
        RepositoryRoot.Path,
        new Dictionary<string, string?> { ["SPECCAKE_HOST_DIR"] = HostDirectory },
        TimeSpan.FromMinutes(10));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}
