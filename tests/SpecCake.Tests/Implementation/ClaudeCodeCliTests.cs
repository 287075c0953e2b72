namespace SpecCake.Tests.Implementation;

/// <summary>The tests install the real Claude Code CLI themselves where npm is, once, however many start at once.</summary>
public sealed class ClaudeCodeCliTests : IDisposable
{
    private readonly TempFolder _folder = new("claude-cli");

    [SkippableFact]
    public async Task Ensure_SeveralAtOnceWithoutAnInstallation_InstallOnceAndAllFindTheSameCli()
    {
        Skip.IfNot(ClaudeCodeCli.HasNpm, "npm is not on PATH, so the Claude Code CLI cannot be installed here (install Node.js with npm)");
        var folder = Path.Combine(_folder.Path, ".artifacts", "claude-code");

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => ClaudeCodeCli.Ensure(folder))));

        Assert.All(results, result => Assert.True(result.Path is not null, result.Why));
        Assert.Single(results.Select(result => result.Path).Distinct());
        Assert.StartsWith(folder + Path.DirectorySeparatorChar, results[0].Path, StringComparison.Ordinal);
        // One installation, renamed into place: no staging folder is left behind.
        Assert.Equal(["claude-code"], Directory.EnumerateDirectories(Path.GetDirectoryName(folder)!).Select(Path.GetFileName));
        var (exitCode, output) = ClaudeCodeCli.Run(results[0].Path!, ["--version"], _folder.Path, TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, output);
        Assert.Contains(ClaudeCodeCli.Version, output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
