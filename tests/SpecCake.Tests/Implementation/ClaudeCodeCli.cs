namespace SpecCake.Tests.Implementation;

/// <summary>
/// The real Claude Code CLI for the tests, as <c>.ci/run</c> installs it:
/// <c>npm install --prefix .artifacts/claude-code @anthropic-ai/claude-code</c> (the native binary
/// is in the package's <c>bin/</c>, or in the platform package when npm skipped the postinstall).
/// <c>SPECCAKE_CLAUDE_CODE</c> may name another one. Tests that need it are skipped, saying why,
/// when it is not there.
/// </summary>
internal static class ClaudeCodeCli
{
    public const string InstallHint =
        "the Claude Code CLI is not installed: run `npm install --prefix .artifacts/claude-code @anthropic-ai/claude-code` in the repository (.ci/run does), or set SPECCAKE_CLAUDE_CODE to the claude executable";

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The executable, or null when it is not installed.</summary>
    public static string? Path => Found.Value;

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("SPECCAKE_CLAUDE_CODE") is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : null;
        }

        var modules = System.IO.Path.Combine(SpecCake.TestSupport.RepositoryRoot.Path, ".artifacts", "claude-code", "node_modules");
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
}
