
namespace SpecCake.Host.Tests.Process;

/// <summary>
/// A service that accepts the connection and closes it, met by the native host build.sh builds: a
/// tracker (Jira), a notification (a webhook) and GitHub (ImplementSpec's Octokit client). What the
/// log says is what happened, not a trimmed runtime's resource key (<c>net_http_client_execution_error</c>).
/// </summary>
public sealed partial class NativeHostTests
{
    private const string ClosedWithoutAnswering = "closed the connection without answering";

    [Fact]
    public async Task NotifySpecEvent_WebhookAcceptsAndCloses_TheLogSaysTheConnectionWasClosed()
    {
        await using var server = ClosingServer.Start();
        Write("specs.config.yaml", $$"""
            specs:
              paths: ["specs/**/*.yaml"]
            notifications:
              state_file: ".speccake/state.json"
            integrations:
              webhooks:
                enabled: true
                endpoints:
                  - name: "dropped"
                    url: "{{server.Url("/hook")}}"
                    events: ["spec_approved"]
                    retry_count: 0
            """);
        Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: Sign in\nstatus: approved\n");

        var run = NativeHost.BuildSh(["--target=NotifySpecEvent", "--event=spec_approved", "--spec=FEAT-0001", $"--working={Repository}"], Outside());

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.All.Contains($"webhooks/dropped: failed: network error: {server.Endpoint} {ClosedWithoutAnswering}", StringComparison.Ordinal), run.All);
        Assert.False(System.Text.RegularExpressions.Regex.IsMatch(run.All, @"\bnet_[a-z]+_"), run.All);
    }

    [Fact]
    public async Task SyncTrackers_JiraAcceptsAndCloses_TheLogSaysTheConnectionWasClosed()
    {
        await using var server = ClosingServer.Start();
        Write("specs.config.yaml", $$"""
            specs:
              paths: ["specs/**/*.yaml"]
            integrations:
              jira:
                enabled: true
                base_url: "{{server.Origin}}"
                project_key: "PROJ"
            """);
        Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: Sign in\nstatus: draft\n");

        var run = NativeHost.BuildSh(
            ["--target=SyncTrackers", $"--working={Repository}"],
            Outside(new() { ["JIRA_EMAIL"] = "bot@example.com", ["JIRA_API_TOKEN"] = "jira-closing-token-5d1e" }));

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.All.Contains($"jira: POST /rest/api/3/search/jql could not be completed: {server.Endpoint} {ClosedWithoutAnswering}", StringComparison.Ordinal), run.All);
        Assert.False(System.Text.RegularExpressions.Regex.IsMatch(run.All, @"\bnet_[a-z]+_"), run.All);
    }

    [Fact]
    public async Task ImplementSpec_GitHubAcceptsAndCloses_TheLogSaysTheConnectionWasClosed()
    {
        await using var server = ClosingServer.Start();
        var origin = Repository + "-origin.git";
        Git(Path.GetTempPath(), "init", "-q", "--bare", origin);
        Write(".gitignore", ".artifacts/\n.speccake/");
        Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: Sign in\nstatus: approved\nacceptance_criteria:\n  - Users can sign in");
        Write("specs.config.yaml", """
            specs:
              paths: ["specs/**/*.yaml"]
            implementation:
              agent: command
              command: ["sh", "-c", "echo signed-in > feature.txt"]
            """);
        Git(Repository, "init", "-q");
        Git(Repository, "add", "-A");
        Git(Repository, "commit", "-q", "-m", "specs");
        Git(Repository, "remote", "add", "origin", origin);
        Git(Repository, "push", "-q", "origin", "HEAD:refs/heads/main");

        var run = NativeHost.BuildSh(
            ["--target=ImplementSpec", "--spec=FEAT-0001", $"--working={Repository}"],
            Outside(new()
            {
                ["GITHUB_API_URL"] = server.Origin,
                ["GITHUB_TOKEN"] = "ghp_closing_token_9a7c",
                ["GITHUB_REPOSITORY"] = "acme/widgets",
                ["GIT_AUTHOR_NAME"] = "Native Test", ["GIT_AUTHOR_EMAIL"] = "native@example.com",
                ["GIT_COMMITTER_NAME"] = "Native Test", ["GIT_COMMITTER_EMAIL"] = "native@example.com",
            }));

        Assert.NotEqual(0, run.ExitCode);
        Assert.True(
            System.Text.RegularExpressions.Regex.IsMatch(run.All, $@"GitHub could not be reached to [a-z ]+ in acme/widgets: {System.Text.RegularExpressions.Regex.Escape(server.Endpoint)} {ClosedWithoutAnswering}"),
            run.All);
        Assert.False(System.Text.RegularExpressions.Regex.IsMatch(run.All, @"\bnet_[a-z]+_"), run.All);
        Directory.Delete(origin, recursive: true);
    }

    /// <summary>Outside GitHub Actions, whatever runs the tests, with <paramref name="variables"/>.</summary>
    private static Dictionary<string, string?> Outside(Dictionary<string, string?>? variables = null)
    {
        var environment = variables ?? [];
        environment["GITHUB_ACTIONS"] = null;
        return environment;
    }
}
