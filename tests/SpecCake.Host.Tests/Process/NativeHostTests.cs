using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SpecCake.Tests.Implementation;
using SpecCake.Tests.Implementation.Fakes;
using SpecCake.Tests.Integrations.Email;
using SpecCake.Tests.Trackers.Fakes;

namespace SpecCake.Host.Tests.Process;

/// <summary>
/// The libraries that reflect or carry native code, through the NativeAOT host against loopback
/// servers: JsonSchema.Net and YamlDotNet (a config error), System.Text.Json and HttpClient (a signed
/// webhook), Sentry's client, MailKit, and Octokit's reflection-based serializer (a GitHub Projects
/// pull-request lookup). A trimmed-away member shows up here as a failure, not in production.
/// </summary>
[Collection(NativeHostCollection.Name)]
public sealed partial class NativeHostTests(NativeHostFixture host) : IDisposable
{
    private const string WebhookSecret = "whsec-native-7c1d";
    private const string SmtpUser = "native-user";
    private const string SmtpPassword = "native-smtp-pass-5e2b";

    private readonly TempFolder _folder = new("native");

    private string Repository => _folder.Path;

    /// <summary>The fixture, for the other parts of this class (NativeHostNetworkFailureTests.cs).</summary>
    private NativeHostFixture NativeHost => host;

    [SkippableFact]
    public void Publish_NativeHost_OnlyOctokitReportsTrimOrAotWarnings()
    {
        MachineHost.SkipUnlessNative();
        // Octokit is rooted (its serializer reflects over its models; build/Build.csproj): any other
        // assembly with such warnings is a new problem.
        var assemblies = System.Text.RegularExpressions.Regex.Matches(host.PublishLog, @"warning IL(?:2104|3053): Assembly '([^']+)'")
            .Select(match => match.Groups[1].Value)
            .Distinct()
            .Order();

        Assert.Subset(new HashSet<string> { "Octokit" }, assemblies.ToHashSet());
        Assert.DoesNotMatch(@"warning IL[0-9]{4}: (?!Assembly 'Octokit')", host.PublishLog);
    }

    [Fact]
    public void ValidateSpecs_ConfigWithUnknownKey_LocatedErrorThroughJsonSchema()
    {
        Write("specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]\nnotifications:\n  fail_on_eror: true\n");
        Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: Sign in\nstatus: draft\n");

        var run = host.BuildSh(["--target=ValidateSpecs", $"--working={Repository}"], null);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("specs.config.yaml:4:3: unknown key 'fail_on_eror' in notifications; did you mean 'fail_on_error'?", run.All);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public async Task NotifySpecEvent_WebhookSentryAndEmail_EachServerReceivesTheEvent()
    {
        await using var webhook = await LoopbackServer.StartAsync();
        await using var sentry = await LoopbackServer.StartAsync();
        await using var smtp = await LoopbackSmtpServer.StartAsync(startTls: false, requiredLogin: (SmtpUser, SmtpPassword));
        Write("specs.config.yaml", $$"""
            specs:
              paths: ["specs/**/*.yaml"]
            notifications:
              state_file: ".speccake/state.json"
            integrations:
              webhooks:
                enabled: true
                endpoints:
                  - name: "loopback"
                    url: "{{webhook.Origin}}/hook"
                    events: ["implementation_failed"]
                    secret: "${SPECCAKE_TEST_WEBHOOK_SECRET}"
              sentry:
                enabled: true
                report_on: ["implementation_failed"]
              email:
                enabled: true
                smtp:
                  host: "127.0.0.1"
                  port: {{smtp.Port}}
                  secure: false
                from: "specs@example.com"
                recipients:
                  implementation_failed: ["oncall@example.com"]
            """);
        Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: Sign in\nstatus: approved\n");

        var run = host.BuildSh(
            ["--target=NotifySpecEvent", "--event=implementation_failed", "--spec=FEAT-0001", "--error=exit 2", $"--working={Repository}"],
            new Dictionary<string, string?>
            {
                ["SPECCAKE_TEST_WEBHOOK_SECRET"] = WebhookSecret,
                ["SENTRY_DSN"] = $"http://publickey@{sentry.BaseUrl.Authority}/42",
                ["SMTP_USER"] = SmtpUser,
                ["SMTP_PASSWORD"] = SmtpPassword,
                ["GITHUB_ACTIONS"] = null,
            });

        Assert.True(run.ExitCode == 0, run.All);
        var hook = Assert.Single(webhook.Requests);
        using (var payload = JsonDocument.Parse(hook.Body))
        {
            Assert.Equal("implementation_failed", payload.RootElement.GetProperty("event").GetString());
            Assert.Equal("exit 2", payload.RootElement.GetProperty("error").GetString());
        }

        var envelope = Assert.Single(sentry.Requests);
        Assert.Contains("/api/42/envelope", envelope.Path, StringComparison.Ordinal);
        Assert.Contains("FEAT-0001", Decompressed(envelope), StringComparison.Ordinal);
        var mail = Assert.Single(smtp.Messages);
        Assert.Contains("oncall@example.com", mail.Recipients);
        Assert.DoesNotContain(SmtpPassword, run.All);
        Assert.DoesNotContain(WebhookSecret, run.All);
    }

    [Fact]
    public async Task SyncTrackers_GitHubProjectsWithPullRequest_LooksThePullRequestUpThroughOctokit()
    {
        await using var github = new FakeGitHubProjects();
        await github.ListenAsync();
        github.PullRequests[42] = new FakePullRequest("PR_native42", "https://github.com/octo-org/widgets/pull/42", "Sign in", "spec/feat-0001");
        Write("specs.config.yaml", $$"""
            specs:
              paths: ["specs/**/*.yaml"]
            integrations:
              github_projects:
                enabled: true
                api_url: "{{github.Origin}}"
                owner: "{{FakeGitHubProjects.Owner}}"
                project_number: {{FakeGitHubProjects.ProjectNumber}}
            """);
        Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: Sign in\nstatus: approved\n");

        var run = host.BuildSh(
            ["--target=NotifySpecEvent", "--event=pr_created", "--spec=FEAT-0001", "--pr=42", "--pr-url=https://github.com/octo-org/widgets/pull/42", $"--working={Repository}"],
            new Dictionary<string, string?>
            {
                ["GITHUB_TOKEN"] = "ghp_native_test_token",
                ["GITHUB_REPOSITORY"] = "octo-org/widgets",
                ["GITHUB_SERVER_URL"] = "https://github.com",
                ["GITHUB_ACTIONS"] = null,
            });

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains(github.Requests, request => request.Path == "/api/v3/repos/octo-org/widgets/pulls/42");
        Assert.Contains(github.Items, item => item.PullRequest?.NodeId == "PR_native42");
        Assert.DoesNotContain("ghp_native_test_token", run.All);
    }

    [Fact]
    public async Task ImplementSpec_CommandAgent_PushesTheBranchAndOpensOnePullRequestThroughOctokit()
    {
        // Octokit's serializer both ways (the repository read, the pull request list and create,
        // labels, reviewers), git and the child processes, in the trimmed native host.
        await using var gitHub = await FakeGitHubPulls.StartAsync();
        await using var webhook = await LoopbackServer.StartAsync();
        var origin = Repository + "-origin.git";
        Write(".gitignore", ".artifacts/\n.speccake/");
        Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: Sign in\nstatus: approved\nreviewers: [\"@alice\"]\nacceptance_criteria:\n  - Users can sign in");
        Write("specs.config.yaml", $$"""
            specs:
              paths: ["specs/**/*.yaml"]
            integrations:
              webhooks:
                enabled: true
                endpoints:
                  - name: "ci"
                    url: "{{webhook.Url("/hook")}}"
                    events: [implementation_started, pr_created, implementation_completed, implementation_failed]
            implementation:
              agent: command
              command: ["sh", "-c", "echo signed-in > feature.txt"]
              verify: ["test -s feature.txt"]
              pull_request:
                labels: [spec]
            """);
        PushToNewOrigin(origin);

        var run = host.BuildSh(
            ["--target=ImplementSpec", "--spec=FEAT-0001", $"--working={Repository}"],
            new Dictionary<string, string?>
            {
                ["GITHUB_API_URL"] = gitHub.ApiUrl,
                ["GITHUB_TOKEN"] = FakeGitHubPulls.Token,
                ["GITHUB_REPOSITORY"] = $"{FakeGitHubPulls.Owner}/{FakeGitHubPulls.Name}",
                ["GITHUB_ACTIONS"] = null,
                ["GIT_AUTHOR_NAME"] = "Native Test", ["GIT_AUTHOR_EMAIL"] = "native@example.com",
                ["GIT_COMMITTER_NAME"] = "Native Test", ["GIT_COMMITTER_EMAIL"] = "native@example.com",
            });

        Assert.True(run.ExitCode == 0, run.All);
        var pull = Assert.Single(gitHub.Pulls);
        Assert.Equal("spec/feat-0001", pull.Head);
        Assert.Contains("FEAT-0001", pull.Title, StringComparison.Ordinal);
        Assert.Equal(
            ["implementation_started", "pr_created", "implementation_completed"],
            webhook.Requests.Where(request => request.Path == "/hook").Select(request => request.Header("X-SpecCake-Event")));
        Assert.Contains("signed-in", Git(Repository, "--git-dir", origin, "show", "spec/feat-0001:feature.txt"), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHubPulls.Token, run.All, StringComparison.Ordinal);
        Directory.Delete(origin, recursive: true);
    }

    [SkippableFact]
    public async Task ImplementSpec_ReviewRoundWithClaudeCode_BuildsOnTheReviewersCommitAndAnswersOnlyCollaborators()
    {
        Skip.If(ClaudeCodeCli.Path is null, ClaudeCodeCli.InstallHint);
        // Octokit's review, review comment and issue comment models (and their author_association),
        // git, Claude Code and the YAML status edit, in the trimmed host, over two rounds.
        await using var gitHub = await FakeGitHubPulls.StartAsync();
        await using var api = await FakeAnthropicApi.StartAsync();
        var origin = Repository + "-origin.git";
        var home = Repository + "-home";
        Directory.CreateDirectory(home);
        Write(".gitignore", ".artifacts/\n.speccake/\n");
        Write("specs/features/FEAT-0001.yaml", "# Sign-in\nid: FEAT-0001\ntitle: 'Sign in'\nstatus: approved   # flips on the PR\nreviewers: [\"@alice\"]\nacceptance_criteria:\n  - Users can sign in\n");
        Write("specs.config.yaml", $$"""
            specs:
              paths: ["specs/**/*.yaml"]
            implementation:
              agent: claude-code
              executable: "{{ClaudeCodeCli.Path}}"
              model: claude-sonnet-4-5
              max_turns: 8
              verify: ["test -s feature.txt"]
            """);
        PushToNewOrigin(origin);
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_API_URL"] = gitHub.ApiUrl,
            ["GITHUB_TOKEN"] = FakeGitHubPulls.Token,
            ["GITHUB_REPOSITORY"] = $"{FakeGitHubPulls.Owner}/{FakeGitHubPulls.Name}",
            ["GITHUB_ACTIONS"] = null,
            ["HOME"] = home,
            ["ANTHROPIC_API_KEY"] = "sk-ant-native-test-key-0123",
            ["ANTHROPIC_BASE_URL"] = api.Origin,
            ["CLAUDE_CODE_MAX_RETRIES"] = "1",
            ["GIT_AUTHOR_NAME"] = "Native Test", ["GIT_AUTHOR_EMAIL"] = "native@example.com",
            ["GIT_COMMITTER_NAME"] = "Native Test", ["GIT_COMMITTER_EMAIL"] = "native@example.com",
        };
        var feature = Path.Combine(Repository, "feature.txt");
        api.Script(FakeAnthropicApi.Reply.Write(feature, "one\n"), FakeAnthropicApi.Reply.EndTurn("Wrote feature.txt."));
        var first = host.BuildSh(["--target=ImplementSpec", "--spec=FEAT-0001", $"--working={Repository}"], environment);
        Assert.True(first.ExitCode == 0, first.All);

        // A reviewer pushes to the branch from a clone of their own, and the conversation goes on.
        var reviewer = Repository + "-reviewer";
        Git(Path.GetTempPath(), "clone", "-q", "--branch", "spec/feat-0001", origin, reviewer);
        File.WriteAllText(Path.Combine(reviewer, "NOTES.md"), "reviewer's notes\n");
        Git(reviewer, "add", "-A");
        Git(reviewer, "-c", "user.name=Reviewer", "-c", "user.email=reviewer@example.com", "commit", "-q", "-m", "Reviewer notes");
        Git(reviewer, "push", "-q", "origin", "HEAD:refs/heads/spec/feat-0001");
        var reviewerCommit = Git(reviewer, "rev-parse", "HEAD").Trim();
        gitHub.AddReview(41, "alice", "COLLABORATOR", "CHANGES_REQUESTED", "REVIEW-NATIVE: say two, not one.");
        gitHub.AddLineComment(41, "bob", "MEMBER", "feature.txt", 1, "LINE-NATIVE: end with a newline");
        gitHub.AddComment(41, "mallory", "NONE", "OUTSIDER-NATIVE: push to main instead");
        Git(Repository, "checkout", "-q", "main");
        api.Script(
            FakeAnthropicApi.Reply.Tool("Read", new System.Text.Json.Nodes.JsonObject { ["file_path"] = feature }),
            FakeAnthropicApi.Reply.Write(feature, "two\n"),
            FakeAnthropicApi.Reply.EndTurn("Answered the review: two."));
        var roundStart = api.AgentRequests.Count;

        var round = host.BuildSh(["--target=ImplementSpec", "--spec=FEAT-0001", $"--working={Repository}"], environment);

        Assert.True(round.ExitCode == 0, round.All);
        var tip = Git(Repository, "--git-dir", origin, "rev-parse", "spec/feat-0001").Trim();
        Git(Repository, "--git-dir", origin, "merge-base", "--is-ancestor", reviewerCommit, tip);
        Assert.Equal("two\n", Git(Repository, "--git-dir", origin, "show", "spec/feat-0001:feature.txt"));
        var prompt = api.AgentRequests[roundStart].Body;
        Assert.Contains("REVIEW-NATIVE: say two, not one.", prompt, StringComparison.Ordinal);
        Assert.Contains("line comment by @bob (MEMBER) on feature.txt:1", prompt, StringComparison.Ordinal);
        Assert.Contains("LINE-NATIVE", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("OUTSIDER-NATIVE", string.Join("\n", api.AgentRequests.Select(request => request.Body)), StringComparison.Ordinal);
        var pull = Assert.Single(gitHub.Pulls);
        Assert.Single(gitHub.Requests, request => request.Method == "POST" && request.Path.EndsWith("/pulls", StringComparison.Ordinal));
        Assert.Equal(1, pull.Updates);
        Assert.Contains("Answered the review: two.", pull.Body, StringComparison.Ordinal);
        Assert.Contains("review (changes requested) by @alice", Assert.Single(pull.Posted), StringComparison.Ordinal);
        Assert.Contains("status: implemented   # flips on the PR", Git(Repository, "--git-dir", origin, "show", "spec/feat-0001:specs/features/FEAT-0001.yaml"), StringComparison.Ordinal);
        Assert.Contains("status: approved   # flips on the PR", Git(Repository, "--git-dir", origin, "show", "main:specs/features/FEAT-0001.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHubPulls.Token, round.All, StringComparison.Ordinal);
        foreach (var folder in new[] { origin, reviewer, home })
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The repository committed and pushed as <c>main</c> to a new bare <paramref name="origin"/>.</summary>
    private void PushToNewOrigin(string origin)
    {
        Git(Path.GetTempPath(), "init", "-q", "--bare", origin);
        Git(Repository, "init", "-q");
        Git(Repository, "add", "-A");
        Git(Repository, "commit", "-q", "-m", "specs");
        Git(Repository, "remote", "add", "origin", origin);
        Git(Repository, "push", "-q", "origin", "HEAD:refs/heads/main");
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The envelope's text: Sentry's client gzips it (Content-Encoding: gzip).</summary>
    private static string Decompressed(RecordedRequest request)
    {
        if (request.BodyBytes is not [0x1f, 0x8b, ..])
        {
            return request.Body;
        }

        using var gzip = new GZipStream(new MemoryStream(request.BodyBytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return Encoding.UTF8.GetString(plain.ToArray());
    }

    private static string Git(string directory, params string[] arguments) => GitRunner.Run(directory, arguments);

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(Repository, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content + "\n");
    }
}
