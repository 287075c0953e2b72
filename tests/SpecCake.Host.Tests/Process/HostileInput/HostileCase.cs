using System.Text;
using System.Text.RegularExpressions;

namespace SpecCake.Host.Tests.Process.HostileInput;

/// <summary>
/// One hostile input, run through the built host as CI runs it: a throw-away repository (files,
/// raw bytes, symbolic links), the host's arguments and environment, optionally a loopback server
/// with a canned answer, and what must come out. Every case is also held to the rules every run
/// must keep (<see cref="HostileInputTests"/>): finished in time, peak memory under the budget, no
/// stack trace, no secret or secret prefix, no workflow command SpecCake did not mean, bounded output.
/// </summary>
/// <remarks>
/// To add a case, add one entry to <see cref="HostileCorpus"/>. <c>{server}</c> in a file, argument or
/// environment value is replaced by the loopback URL of a server giving <see cref="Server"/>'s answer;
/// <c>{repo}</c> by the repository's folder and <c>{outside}</c> by a folder beside it (outside the repository).
/// </remarks>
public sealed record HostileCase(string Name)
{
    /// <summary>The fake secrets every case runs with (unless it unsets one): none may appear in any output.</summary>
    public static IReadOnlyDictionary<string, string> Secrets { get; } = new Dictionary<string, string>
    {
        ["SLACK_WEBHOOK_URL"] = "https://hooks.slack.invalid/services/T0FAKE/B0FAKE/slackSecretValue0123",
        ["OPSGENIE_API_KEY"] = "opsgenie-fake-key-0123456789abcdef",
        ["DATADOG_API_KEY"] = "datadog-fake-api-key-0123456789",
        ["DATADOG_APP_KEY"] = "datadog-fake-app-key-9876543210",
        ["GITHUB_TOKEN"] = "ghp_fakeTOKEN0123456789abcdefghijk",
        ["SMTP_PASSWORD"] = "smtp-fake-password-0123456789",
        ["JIRA_API_TOKEN"] = "jira-fake-api-token-0123456789",
    };

    /// <summary>Text files, by path relative to the repository (written as UTF-8 without a BOM).</summary>
    public Dictionary<string, string> Files { get; init; } = [];

    /// <summary>Files written byte for byte (invalid UTF-8, BOMs, huge files).</summary>
    public Dictionary<string, Func<byte[]>> Bytes { get; init; } = [];

    /// <summary>Symbolic links: link path (relative to the repository) → target as written in the link.</summary>
    public Dictionary<string, string> Links { get; init; } = [];

    /// <summary>Files written in the folder beside the repository (<c>{outside}</c>), for links that leave it.</summary>
    public Dictionary<string, string> OutsideFiles { get; init; } = [];

    /// <summary>The host's arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = ["--target=ValidateSpecs"];

    /// <summary>Environment variables on top of <see cref="Secrets"/> and GitHub Actions' own; null unsets one.</summary>
    public Dictionary<string, string?> Environment { get; init; } = [];

    /// <summary>A loopback server's canned answer, for cases about what a service sends back.</summary>
    public ServerAnswer? Server { get; init; }

    /// <summary>How many requests <see cref="Server"/> must receive; null: not checked.</summary>
    public int? ExpectedServerRequests { get; init; }

    /// <summary>The exit code the host must end with.</summary>
    public int ExitCode { get; init; }

    /// <summary>Patterns (multi-line regexes) the output must match: the one clear, located message.</summary>
    public IReadOnlyList<string> Expect { get; init; } = [];

    /// <summary>Texts that must not appear anywhere in the output.</summary>
    public IReadOnlyList<string> Absent { get; init; } = [];

    /// <summary>How long the run may take (generous: the machine may be busy).</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The highest resident memory the host may reach.</summary>
    public long MemoryBudgetBytes { get; init; } = 300L << 20;

    public override string ToString() => Name;

    /// <summary>Builds the repository, runs the host in it, and returns what it printed.</summary>
    public HostileRun Run(BuiltHostFixture host)
    {
        using var folder = new TempFolder("hostile");
        var root = folder.Path;
        var repo = Path.Combine(root, "repo");
        var outside = Path.Combine(root, "outside");
        Directory.CreateDirectory(repo);
        Directory.CreateDirectory(outside);
        using var server = Server is null ? null : new LoopbackAnswerServer(Server);
        string Fill(string text) => text
            .Replace("{server}", server?.Url ?? "{server}", StringComparison.Ordinal)
            .Replace("{repo}", repo, StringComparison.Ordinal)
            .Replace("{outside}", outside, StringComparison.Ordinal);

        foreach (var (path, text) in Files)
        {
            Write(repo, path, Encoding.UTF8.GetBytes(Fill(text)));
        }

        foreach (var (path, bytes) in Bytes)
        {
            Write(repo, path, bytes());
        }

        foreach (var (path, text) in OutsideFiles)
        {
            Write(outside, path, Encoding.UTF8.GetBytes(Fill(text)));
        }

        foreach (var (link, target) in Links)
        {
            var at = Path.Combine(repo, link);
            Directory.CreateDirectory(Path.GetDirectoryName(at)!);
            File.CreateSymbolicLink(at, Fill(target));
        }

        var summary = Path.Combine(root, "step-summary.md");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SPECCAKE_HOST_DIR"] = host.HostDirectory,
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["GITHUB_REPOSITORY"] = "octo/hostile",
        };
        foreach (var (name, value) in Secrets)
        {
            environment[name] = value;
        }

        foreach (var (name, value) in Environment)
        {
            environment[name] = value is null ? null : Fill(value);
        }

        var run = ProcessRun.Start(
            "bash",
            [Path.Combine(RepositoryRoot.Path, "build.sh"), .. Arguments.Select(Fill)],
            repo,
            environment,
            TimeBudget,
            killAboveBytes: MemoryBudgetBytes * 3);
        return new HostileRun(run, File.Exists(summary) ? File.ReadAllText(summary) : string.Empty, server?.Requests ?? 0);
    }

    private static void Write(string root, string path, byte[] bytes)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }
}

/// <summary>What one hostile case printed, wrote to the step summary, and sent to its server.</summary>
public sealed partial record HostileRun(ProcessRun Process, string StepSummary, int ServerRequests)
{
    /// <summary>SpecCake's own annotations: <c>::error</c>/<c>::warning</c> with a file (and place), then the escaped message.</summary>
    [GeneratedRegex(@"^::(error|warning|notice) file=[^,:\r\n]*(,line=\d+,col=\d+)?::")]
    public static partial Regex OwnAnnotation();
}
