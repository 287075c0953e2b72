using System.Text.Json.Nodes;
using Cake.Core;
using SpecCake.Delivery;
using SpecCake.Tests.Implementation.Fakes;

namespace SpecCake.Tests.Implementation;

/// <summary>
/// ImplementSpec end to end with the <c>command</c> agent (a shell script standing in for any
/// agent): a real clone and bare origin, the fake GitHub API, a webhook and Jira receiving the
/// events. The same cases with the real Claude Code CLI are in <see cref="ClaudeCodeAgentTests"/>.
/// </summary>
public sealed class ImplementationRunTests
{
    [Fact]
    public async Task Run_AgentSucceedsAndVerifyPasses_PushesBranchOpensOnePullRequestAndSendsEventsInOrder()
    {
        await using var scenario = await Scenario("""
            mkdir -p src && echo "sign in" > src/login.txt
            """, verify: ["test -f src/login.txt"], extra: """
              pull_request:
                labels: [spec, automated]
            """);

        var result = scenario.Run();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["main", "spec/feat-0001"], scenario.RemoteBranches());
        Assert.Equal("sign in\n", scenario.Origin.Git("show", "spec/feat-0001:src/login.txt"));
        var message = scenario.Origin.Git("log", "-1", "--format=%B", "spec/feat-0001");
        Assert.StartsWith("feat(feat-0001): User Authentication\n\nImplements specs/features/FEAT-0001.yaml.\n", message, StringComparison.Ordinal);
        Assert.Contains("- AC-2: Users are locked out after 5 failed attempts", message, StringComparison.Ordinal);
        Assert.DoesNotContain(".artifacts", scenario.Origin.Git("ls-tree", "-r", "--name-only", "spec/feat-0001"), StringComparison.Ordinal);

        var pull = Assert.Single(scenario.GitHub.Pulls);
        Assert.Equal(("spec/feat-0001", "main", "[FEAT-0001] User Authentication"), (pull.Head, pull.Base, pull.Title));
        Assert.Equal(["spec", "automated"], pull.Labels);
        Assert.Equal(["alice"], pull.Reviewers);
        Assert.Equal(["reviewers"], pull.TeamReviewers);
        Assert.Contains("- AC-1: Users can sign in with email and password", pull.Body, StringComparison.Ordinal);
        Assert.Contains("([`specs/features/FEAT-0001.yaml`](https://github.com/octo-org/specs-repo/blob/spec/feat-0001/specs/features/FEAT-0001.yaml))", pull.Body, StringComparison.Ordinal);
        Assert.Contains("· [logs](https://github.com/octo-org/specs-repo/actions/runs/4242)", pull.Body, StringComparison.Ordinal);
        Assert.Equal((41, pull.Number), (result.PullRequest!.Number, 41));

        Assert.Equal(["implementation_started", "pr_created", "implementation_completed"], scenario.Events());
        var payloads = scenario.Hooks().Select(request => request.Json).ToArray();
        Assert.All(payloads, payload => Assert.Equal("spec/feat-0001", payload["branch"]!.GetValue<string>()));
        Assert.All(payloads, payload => Assert.Equal("https://github.com/octo-org/specs-repo/actions/runs/4242", payload["logs_url"]!.GetValue<string>()));
        Assert.Null(payloads[0]["pr"]);
        foreach (var payload in payloads[1..])
        {
            Assert.Equal(41, payload["pr"]!["number"]!.GetValue<int>());
            Assert.Equal("https://github.com/octo-org/specs-repo/pull/41", payload["pr"]!["url"]!.GetValue<string>());
        }

        // implementation_completed carries how long it took (New Relic records it).
        var completed = scenario.NewRelicEvents().Single(e => e["event"]!.GetValue<string>() == "implementation_completed");
        Assert.True(completed["duration"]!.GetValue<double>() > 0, completed.ToJsonString());

        // pr_created links the pull request in the trackers.
        var issue = Assert.Single(scenario.Jira.Issues);
        Assert.Contains(issue.RemoteLinks, link => link["object"]!["url"]!.GetValue<string>() == "https://github.com/octo-org/specs-repo/pull/41");

        Assert.Contains("pull request", scenario.Log.Text, StringComparison.Ordinal);
        Assert.Matches(@"pull request\s+opened\s+#41 https://github.com/octo-org/specs-repo/pull/41", scenario.Log.Text);
        Assert.Matches(@"event pr_created\s+sent\s+2 delivered", scenario.Log.Text);
        Assert.Matches(@"verify, attempt 1\s+passed\s+`test -f src/login.txt`, \d+\.\ds", scenario.Log.Text);
    }

    [Fact]
    public async Task Run_AgentSummary_IsInThePullRequestQuotedMaskedWithMentionsDefusedWithTheChecksAndUsage()
    {
        await using var scenario = await Scenario(
            $"echo x > feature.txt; echo 'Added feature.txt; thanks @octocat and @octo-org/admins'; echo \"key {ImplementationScenario.NewRelicKey}\"",
            verify: ["test -f feature.txt", "true"]);

        scenario.Run();

        var body = Assert.Single(scenario.GitHub.Pulls).Body!;
        Assert.Contains("### What the agent says\n\n> Added feature.txt; thanks @\u200Boctocat and @\u200Bocto-org/admins\n> key ***\n", body, StringComparison.Ordinal);
        Assert.DoesNotMatch("@(?!\u200B)(octocat|octo-org)", body);
        Assert.Contains("| attempt | check | result | time |\n|---|---|---|---|\n| 1 | `test -f feature.txt` | passed | ", body, StringComparison.Ordinal);
        Assert.Contains("| 1 | `true` | passed | ", body, StringComparison.Ordinal);
        Assert.Matches(@"Opened by SpecCake ImplementSpec \(command, 1 attempt\(s\), \d+\.\d s\) · \[logs\]\(https://github.com/octo-org/specs-repo/actions/runs/4242\)", body);
    }

    [Fact]
    public async Task Run_BodyTemplateWithTheNewPlaceholders_FillsThem()
    {
        await using var scenario = await Scenario("echo x > feature.txt; echo 'Did it.'", verify: ["true"], extra: """
              pull_request:
                body: "S={summary}|C={checks}|U={usage}|{id}"
            """);

        scenario.Run();

        var body = Assert.Single(scenario.GitHub.Pulls).Body!;
        Assert.StartsWith("S=> Did it.|C=| attempt | check | result | time |", body, StringComparison.Ordinal);
        Assert.Matches(@"\|U=command, 1 attempt\(s\), \d+\.\d s\|FEAT-0001$", body);
    }

    [Fact]
    public async Task Run_Agent_GetsThePromptOnStdinAndInItsFileAndNoOtherCredentials()
    {
        await using var scenario = await Scenario("echo done > done.txt");

        scenario.Run();

        var stdin = File.ReadAllText(Path.Combine(scenario.Scratch, "prompt-1.txt"));
        Assert.Equal(File.ReadAllText(Path.Combine(scenario.Work.Path, ".artifacts/implement/feat-0001/prompt-1.md")), stdin);
        Assert.Contains("You are implementing spec FEAT-0001", stdin, StringComparison.Ordinal);
        Assert.Contains("- AC-1: Users can sign in with email and password", stdin, StringComparison.Ordinal);
        Assert.Contains("Users sign in with their email address and a password.", stdin, StringComparison.Ordinal);
        var environment = File.ReadAllText(Path.Combine(scenario.Scratch, "env-1.txt"));
        Assert.Contains("SPECCAKE_SPEC_ID=FEAT-0001", environment, StringComparison.Ordinal);
        Assert.Contains("SPECCAKE_BRANCH=spec/feat-0001", environment, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHubPulls.Token, environment, StringComparison.Ordinal);
        Assert.DoesNotContain("JIRA_API_TOKEN", environment, StringComparison.Ordinal);
        Assert.DoesNotContain(ImplementationScenario.WebhookSecret, environment, StringComparison.Ordinal);
        Assert.Equal(scenario.Work.Path, File.ReadAllText(Path.Combine(scenario.Scratch, "pwd-1.txt")).Trim());
    }

    [Fact]
    public async Task Run_VerifyFailsThenPasses_FeedsTheFailureOutputToTheSecondAttempt()
    {
        await using var scenario = await Scenario("""
            if [ "$SPECCAKE_ATTEMPT" = 1 ]; then echo half > feature.txt; else echo whole > feature.txt; fi
            """, verify: ["grep -q whole feature.txt || { echo \"CHECK-$((3 + 4)): feature.txt is only half done\"; exit 3; }"]);

        var result = scenario.Run();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, result.Attempts.Count);
        Assert.False(result.Attempts[0].Passed);
        var second = File.ReadAllText(Path.Combine(scenario.Scratch, "prompt-2.txt"));
        Assert.Contains("Attempt 2: your previous attempt (attempt 1) did not pass the checks.", second, StringComparison.Ordinal);
        Assert.Contains("exited with code 3", second, StringComparison.Ordinal);
        Assert.Contains("CHECK-7: feature.txt is only half done", second, StringComparison.Ordinal);
        Assert.DoesNotContain("CHECK-7", File.ReadAllText(Path.Combine(scenario.Scratch, "prompt-1.txt")), StringComparison.Ordinal);
        Assert.Equal("whole\n", scenario.Origin.Git("show", "spec/feat-0001:feature.txt"));
        Assert.Equal(["implementation_started", "pr_created", "implementation_completed"], scenario.Events());
    }

    [Fact]
    public async Task Run_VerifyNeverPasses_SendsImplementationFailedAndPushesNothing()
    {
        await using var scenario = await Scenario("echo attempt-$SPECCAKE_ATTEMPT > feature.txt", verify: ["echo 'still red'; exit 1"], extra: "  max_attempts: 2");

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Equal("ImplementSpec: FEAT-0001 was not implemented: verify still failing after 2 attempt(s): `echo 'still red'; exit 1` exited with code 1 (implementation_failed was sent; see .artifacts/implement/feat-0001/).", error.Message);
        Assert.Equal(["main"], scenario.RemoteBranches());
        Assert.Empty(scenario.GitHub.Pulls);
        Assert.Equal(["implementation_started", "implementation_failed"], scenario.Events());
        var failed = scenario.Hooks()[1].Json;
        Assert.Equal("verify still failing after 2 attempt(s): `echo 'still red'; exit 1` exited with code 1", failed["error"]!.GetValue<string>());
        Assert.Equal("https://github.com/octo-org/specs-repo/actions/runs/4242", failed["logs_url"]!.GetValue<string>());
        Assert.Null(failed["pr"]);
        Assert.Contains("still red", scenario.Artifacts()["verify-2-1.log"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AgentRunsPastItsTimeout_IsStoppedAndFails()
    {
        await using var scenario = await Scenario("sleep 60", extra: "  agent_timeout_minutes: 0.02");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), $"took {watch.Elapsed}");
        Assert.Contains("the agent command 'sh' timed out after 0.02 min and was stopped", error.Message, StringComparison.Ordinal);
        Assert.Equal(["implementation_started", "implementation_failed"], scenario.Events());
        Assert.Equal(["main"], scenario.RemoteBranches());
    }

    [Fact]
    public async Task Run_PullRequestAlreadyOpen_UpdatesItInsteadOfOpeningAnother()
    {
        await using var scenario = await Scenario("echo run-$(date +%s%N) > feature.txt");
        scenario.GitHub.AddOpen("spec/feat-0001", "opened by hand");

        var rerun = scenario.Run();

        var pull = Assert.Single(scenario.GitHub.Pulls);
        Assert.False(rerun.PullRequest!.Created);
        Assert.Equal((41, 1), (pull.Number, pull.Updates));
        Assert.DoesNotContain(scenario.GitHub.Requests, request => request.Method == "POST" && request.Path.EndsWith("/pulls", StringComparison.Ordinal));
        Assert.Equal(rerun.Commit, scenario.Origin.Git("rev-parse", "spec/feat-0001").Trim());
        Assert.Matches(@"pull request\s+updated\s+#41", scenario.Log.Text);
        // pr_created only when a pull request is created.
        Assert.Equal(["implementation_started", "implementation_completed"], scenario.Events());
    }

    [Fact]
    public async Task Run_DraftSpec_IsRefusedBeforeAnythingHappens()
    {
        await using var scenario = await Scenario("echo x > feature.txt", status: "draft");

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Equal("ImplementSpec: the status of FEAT-0001 is draft, not approved: ImplementSpec implements approved specs only. Set status: approved in specs/features/FEAT-0001.yaml once it is reviewed, or pass --force to implement it anyway.", error.Message);
        Assert.Empty(scenario.Webhook.Requests);
        Assert.Empty(scenario.GitHub.Requests);
        Assert.Equal("main", scenario.Work.Git("branch", "--show-current").Trim());
        Assert.False(File.Exists(Path.Combine(scenario.Scratch, "prompt-1.txt")));
    }

    [Fact]
    public async Task Run_DraftSpecWithForce_IsImplemented()
    {
        await using var scenario = await Scenario("echo x > feature.txt", status: "draft");

        var result = scenario.Run(force: true);

        Assert.True(result.Succeeded, result.Error);
        Assert.Single(scenario.GitHub.Pulls);
    }

    [Fact]
    public async Task Run_DirtyWorkingTree_IsRefusedNamingTheFiles()
    {
        await using var scenario = await Scenario("echo x > feature.txt");
        scenario.Work.Write("notes.txt", "work in progress\n");

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Equal("ImplementSpec: the working tree has uncommitted changes (notes.txt): ImplementSpec commits everything the agent changes, so it starts from a clean tree. Commit or stash them (git stash --include-untracked), then run it again.", error.Message);
        Assert.Empty(scenario.Webhook.Requests);
        Assert.Empty(scenario.GitHub.Requests);
    }

    [Fact]
    public async Task Run_ClaudeExecutableMissing_SaysHowToInstallIt()
    {
        await using var scenario = await ImplementationScenario.CreateAsync("  agent: claude-code\n  executable: claude-not-installed-here");

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Equal("ImplementSpec: the Claude Code CLI ('claude-not-installed-here') was not found on PATH. Install it with `npm install -g @anthropic-ai/claude-code` (in GitHub Actions, after actions/setup-node), or set implementation.executable to its path, or use agent: command with another agent.", error.Message);
        Assert.Empty(scenario.Webhook.Requests);
    }

    [Fact]
    public async Task Run_SecretsMissing_IsRefusedNamingThem()
    {
        await using var scenario = await ImplementationScenario.CreateAsync("  agent: claude-code\n  executable: /bin/sh");
        scenario.Extra[SpecCake.Configuration.SecretNames.AnthropicApiKey] = null;
        scenario.Extra[SpecCake.Configuration.SecretNames.GitHubToken] = "";

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Equal("ImplementSpec: the secrets ANTHROPIC_API_KEY (Claude Code's API key) and GITHUB_TOKEN (to open the pull request) are not set: add them to the repository's secrets and pass them to the job's env.", error.Message);
        Assert.Empty(scenario.Webhook.Requests);
    }

    [Fact]
    public async Task Run_TokenGitHubRefuses_IsRefusedBeforeAnythingHappensEvenWithABase()
    {
        await using var scenario = await Scenario("echo x > feature.txt", extra: "  base: main");
        scenario.Extra[SpecCake.Configuration.SecretNames.GitHubToken] = "ghp_not-the-right-token";

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Equal("ImplementSpec: GitHub would not read the repository in octo-org/specs-repo: 401 Bad credentials; GITHUB_TOKEN is not valid", error.Message);
        Assert.Empty(scenario.Hooks());
        Assert.False(File.Exists(Path.Combine(scenario.Scratch, "prompt-1.txt")), "the agent ran");
        Assert.Equal(["main"], scenario.RemoteBranches());
    }

    [Fact]
    public async Task Run_DryRun_PrintsPlanPromptAndCommandsAndTouchesNothing()
    {
        await using var scenario = await Scenario("echo x > feature.txt", verify: ["dotnet test"]);
        var before = scenario.Work.Git("rev-parse", "HEAD");

        var result = scenario.Run(dryRun: true);

        Assert.True(result.DryRun);
        Assert.Equal(before, scenario.Work.Git("rev-parse", "HEAD"));
        Assert.Equal("main", scenario.Work.Git("branch", "--show-current").Trim());
        Assert.Equal("main\n", scenario.Work.Git("branch", "--format=%(refname:short)"));
        Assert.Equal(["main"], scenario.RemoteBranches());
        Assert.Empty(scenario.Webhook.Requests);
        Assert.Empty(scenario.Jira.Requests);
        Assert.Empty(scenario.GitHub.Requests);
        Assert.False(File.Exists(Path.Combine(scenario.Scratch, "prompt-1.txt")), "the agent ran");
        Assert.False(Directory.Exists(Path.Combine(scenario.Work.Path, ".artifacts")));
        var text = scenario.Log.Text;
        Assert.Contains("ImplementSpec (dry run: nothing is changed, pushed or sent) for FEAT-0001: User Authentication", text, StringComparison.Ordinal);
        Assert.Contains("  branch        spec/feat-0001, created from origin/main", text, StringComparison.Ordinal);
        Assert.Contains("  spec status   set to implemented in specs/features/FEAT-0001.yaml by the pull request's commit", text, StringComparison.Ordinal);
        Assert.Contains("  verify        `dotnet test` (15 min)", text, StringComparison.Ordinal);
        Assert.Contains("  git checkout --no-track -B spec/feat-0001 refs/remotes/origin/main", text, StringComparison.Ordinal);
        Assert.Contains("  /bin/sh -c 'dotnet test'", text, StringComparison.Ordinal);
        Assert.Contains("< prompt", text, StringComparison.Ordinal);
        Assert.Contains("  | You are implementing spec FEAT-0001", text, StringComparison.Ordinal);
        Assert.Contains("  | - AC-1: Users can sign in with email and password", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DryRunWhereGitCannotTellTheDefaultBranch_PrintsTheBaseTheRealRunUses()
    {
        await using var scenario = await Scenario("echo x > feature.txt");
        // No origin/HEAD in the clone (as after git init + remote add, or actions/checkout), and
        // origin's own HEAD names no branch: git cannot say; GitHub can, as for the real run.
        scenario.Origin.Git("symbolic-ref", "HEAD", "refs/heads/gone");
        scenario.Origin.Git("branch", "-q", "develop", "main");
        scenario.GitHub.DefaultBranch = "develop";

        scenario.Run(dryRun: true);

        Assert.Contains("  branch        spec/feat-0001, created from origin/develop", scenario.Log.Text, StringComparison.Ordinal);
        Assert.Contains("  git fetch --no-tags origin +refs/heads/develop:refs/remotes/origin/develop", scenario.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(the repository's default branch", scenario.Log.Text, StringComparison.Ordinal);
        Assert.All(scenario.GitHub.Requests, request => Assert.Equal("GET", request.Method));
        Assert.Empty(scenario.Webhook.Requests);
    }

    [Fact]
    public async Task Run_SecretsInAgentAndVerifyOutput_AreMaskedInTheLogTheArtifactsAndTheSummary()
    {
        await using var scenario = await Scenario($"echo leaked {ImplementationScenario.AnthropicKey} {FakeGitHubPulls.Token}; echo x > feature.txt", verify: [$"echo verify-saw {FakeGitHubPulls.Token}; echo {ImplementationScenario.WebhookSecret}"]);
        var summary = Path.Combine(scenario.Scratch, "step-summary.md");
        scenario.Extra["GITHUB_ACTIONS"] = "true";
        scenario.Extra["GITHUB_STEP_SUMMARY"] = summary;

        var result = scenario.Run();

        Assert.True(result.Succeeded, result.Error);
        string[] secrets = [ImplementationScenario.AnthropicKey, FakeGitHubPulls.Token, ImplementationScenario.WebhookSecret, ImplementationScenario.NewRelicKey, "sk-ant-api03"];
        var everything = string.Join("\n", scenario.Artifacts().Values) + scenario.Log.Text + File.ReadAllText(summary) + scenario.GitHub.Pulls[0].Body;
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        Assert.Contains("leaked *** ***", scenario.Artifacts()["agent-1.log"], StringComparison.Ordinal);
        Assert.Contains("verify-saw ***", scenario.Artifacts()["verify-1-1.log"], StringComparison.Ordinal);
        Assert.Contains("### SpecCake ImplementSpec: FEAT-0001 implemented", File.ReadAllText(summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PullRequestRefused_UndoesThePushAndFails()
    {
        await using var scenario = await Scenario("echo x > feature.txt");
        scenario.GitHub.RefuseCreate = 422;

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Contains("GitHub would not open the pull request in octo-org/specs-repo: 422 Validation Failed (refused by the fake)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["main"], scenario.RemoteBranches());
        Assert.Equal(["implementation_started", "implementation_failed"], scenario.Events());
    }

    [Fact]
    public async Task Run_AgentUnignoresTheArtifacts_TranscriptsAreStillNotCommitted()
    {
        await using var scenario = await Scenario("echo '# nothing ignored' > .gitignore; echo x > feature.txt");

        var result = scenario.Run();

        Assert.True(result.Succeeded, result.Error);
        var files = scenario.Origin.Git("ls-tree", "-r", "--name-only", "spec/feat-0001");
        Assert.Contains("feature.txt", files, StringComparison.Ordinal);
        Assert.DoesNotContain(".artifacts", files, StringComparison.Ordinal);
        Assert.DoesNotContain(".speccake", files, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(scenario.Work.Path, ".speccake", "state.json")), "the rate-limit state file was written");
    }

    [Fact]
    public async Task Run_AgentChangesNothing_FailsWithoutPushing()
    {
        await using var scenario = await Scenario("true");

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Contains("the agent changed nothing: no file differs from the base", error.Message, StringComparison.Ordinal);
        Assert.Equal(["main"], scenario.RemoteBranches());
        Assert.Equal(["implementation_started", "implementation_failed"], scenario.Events());
    }

    [Fact]
    public async Task Run_AgentFails_SendsImplementationFailedWithItsLastLine()
    {
        await using var scenario = await Scenario("echo 'model refused the task' >&2; exit 7");

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Contains("the agent command 'sh' exited with code 7: model refused the task", error.Message, StringComparison.Ordinal);
        Assert.Equal("the agent command 'sh' exited with code 7: model refused the task", scenario.Hooks()[1].Json["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_WebhookDeliveryFails_ImplementsAndThenFailsTheTaskWithFailOnError()
    {
        await using var scenario = await Scenario("echo x > feature.txt");
        scenario.Webhook.Fail(request => request.Path == "/hook", 400, times: 100);

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.StartsWith("ImplementSpec: FEAT-0001 was implemented (PR #41), but implementation_started, pr_created, implementation_completed could not be delivered everywhere: webhooks/ci: HTTP 400", error.Message, StringComparison.Ordinal);
        Assert.Single(scenario.GitHub.Pulls);
    }

    internal static async Task<ImplementationScenario> Scenario(string script, string[]? verify = null, string extra = "", string status = "approved", string jira = "")
    {
        var verifyYaml = verify is null ? string.Empty : "  verify:\n" + string.Concat(verify.Select(command => $"    - {JsonValue.Create(command)!.ToJsonString()}\n"));
        var scenario = await ImplementationScenario.CreateAsync(
            scratch =>
            {
                var agent = Path.Combine(scratch, "agent.sh");
                File.WriteAllText(agent, $"""
                    cat > "$AGENT_OUT/prompt-$SPECCAKE_ATTEMPT.txt"
                    env > "$AGENT_OUT/env-$SPECCAKE_ATTEMPT.txt"
                    pwd > "$AGENT_OUT/pwd-$SPECCAKE_ATTEMPT.txt"
                    {script}

                    """);
                return $"  agent: command\n  command: [\"sh\", \"{agent}\"]\n{verifyYaml}{extra}";
            },
            status,
            jira);
        scenario.Extra["AGENT_OUT"] = scenario.Scratch;
        return scenario;
    }
}
