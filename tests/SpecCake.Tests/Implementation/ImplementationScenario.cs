using System.Collections;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Implementation;
using SpecCake.Tests.Delivery;
using SpecCake.Tests.Implementation.Fakes;
using SpecCake.Tests.Specs.Changes;
using SpecCake.Tests.Trackers.Fakes;

namespace SpecCake.Tests.Implementation;

/// <summary>
/// One ImplementSpec run against real parts on this machine: a clone whose <c>origin</c> is a bare
/// repository on disk, a fake GitHub REST API for the pull request, a webhook endpoint and a fake
/// Jira that receive the events, and a HOME of its own for the agent. Every address is loopback.
/// </summary>
internal sealed class ImplementationScenario : IAsyncDisposable
{
    public const string AnthropicKey = "sk-ant-api03-fake5ecret-key-for-tests";
    public const string WebhookSecret = "whsec-fake5ecret-hmac";
    public const string NewRelicKey = "NRAK-fake5ecretkey0123";

    private ImplementationScenario(SpecRepository origin, SpecRepository work, FakeGitHubPulls gitHub, LoopbackServer webhook, FakeJira jira, string scratch)
    {
        Origin = origin;
        Work = work;
        GitHub = gitHub;
        Webhook = webhook;
        Jira = jira;
        Scratch = scratch;
    }

    /// <summary>The bare repository the clone pushes to.</summary>
    public SpecRepository Origin { get; }

    /// <summary>The clone ImplementSpec runs in.</summary>
    public SpecRepository Work { get; }

    public FakeGitHubPulls GitHub { get; }

    public LoopbackServer Webhook { get; }

    public FakeJira Jira { get; }

    /// <summary>A folder outside the repository (the agent's HOME, files a command agent leaves for the test).</summary>
    public string Scratch { get; }

    public RecordingLog Log { get; } = new();

    /// <summary>Extra environment for the run (e.g. the Anthropic fake's URL).</summary>
    public Dictionary<string, string?> Extra { get; } = [];

    /// <summary>A repository with FEAT-0001 (status <paramref name="status"/>) and an <c>implementation</c> block.</summary>
    /// <param name="implementation">The lines of the <c>implementation:</c> block, indented by two spaces.</param>
    /// <param name="status">The spec's status.</param>
    public static Task<ImplementationScenario> CreateAsync(string implementation, string status = "approved") =>
        CreateAsync(_ => implementation, status);

    /// <summary>The spec file's text as the scenario writes it (comments, quotes and flow style to keep).</summary>
    public static string SpecText(string status) => $"""
        # FEAT-0001: keep this comment
        id: FEAT-0001
        title: "User Authentication"   # quoted on purpose
        status: {status}  # flipped by the pull request's commit
        type: feature
        reviewers: ["@alice", "@octo-org/reviewers"]
        labels: [auth, 'size-m']
        description: |
          Users sign in with their email address and a password.
        acceptance_criteria:
          - id: AC-1
            text: Users can sign in with email and password
          - Users are locked out after 5 failed attempts

        """;

    /// <summary>As above, the block written knowing the scratch folder (where a test puts its agent script).</summary>
    /// <param name="implementation">The <c>implementation:</c> block's lines, knowing the scratch folder.</param>
    /// <param name="status">The spec's status.</param>
    /// <param name="jiraLines">More lines of the <c>jira:</c> block (e.g. its transitions), indented by four spaces.</param>
    public static async Task<ImplementationScenario> CreateAsync(Func<string, string> implementation, string status = "approved", string jiraLines = "")
    {
        // Deleted by DisposeAsync (TempFolder.Delete), with the repositories in it.
        var scratch = new TempFolder("implement").Path;
        var origin = new SpecRepository(Path.Combine(scratch, "origin.git"));
        origin.Git("init", "-q", "--bare");
        var work = new SpecRepository(Path.Combine(scratch, "work"));
        work.Git("init", "-q");
        var gitHub = await FakeGitHubPulls.StartAsync();
        var webhook = await LoopbackServer.StartAsync();
        var jira = new FakeJira();
        await jira.ListenAsync();

        work.Write(".gitignore", ".artifacts/\n.speccake/\n")
            .Write("README.md", "# Sample\n")
            .Write("specs/features/FEAT-0001.yaml", SpecText(status))
            .Write("specs.config.yaml", $"""
                specs:
                  paths: ["specs/**/*.yaml"]
                notifications:
                  fail_on_error: true
                  rate_limit:
                    max_per_hour: 1000
                integrations:
                  webhooks:
                    enabled: true
                    endpoints:
                      - name: ci
                        url: "{webhook.Url("/hook")}"
                        secret: "{WebhookSecret}"
                        events: [implementation_started, implementation_completed, implementation_failed, pr_created]
                  jira:
                    enabled: true
                    base_url: "{jira.Origin}"
                    project_key: PROJ
                {jiraLines}
                  new_relic:
                    enabled: true
                    api_url: "{webhook.Origin}"
                    account_id: "1234567"
                implementation:
                {implementation(scratch)}

                """);
        work.Commit("specs");
        work.Git("remote", "add", "origin", origin.Path);
        work.Git("push", "-q", "origin", "main");
        return new ImplementationScenario(origin, work, gitHub, webhook, jira, scratch);
    }

    /// <summary>
    /// The run's environment: this process's (PATH and the like) without anything of a CI it may
    /// run in, plus the secrets and GitHub Actions' variables the way a workflow would set them.
    /// </summary>
    public Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (!name.StartsWith("GITHUB_", StringComparison.Ordinal) && !name.StartsWith("ACTIONS_", StringComparison.Ordinal)
                && !name.StartsWith("ANTHROPIC_", StringComparison.Ordinal) && !name.StartsWith("CLAUDE", StringComparison.Ordinal)
                && !name.StartsWith("GIT_", StringComparison.Ordinal) && !SecretNames.Credentials.Contains(name))
            {
                environment[name] = (string?)entry.Value;
            }
        }

        environment["HOME"] = Path.Combine(Scratch, "home");
        Directory.CreateDirectory(environment["HOME"]!);
        environment["GITHUB_REPOSITORY"] = $"{FakeGitHubPulls.Owner}/{FakeGitHubPulls.Name}";
        environment["GITHUB_SERVER_URL"] = "https://github.com";
        environment["GITHUB_RUN_ID"] = "4242";
        environment["GITHUB_API_URL"] = GitHub.ApiUrl;
        environment[SecretNames.GitHubToken] = FakeGitHubPulls.Token;
        environment[SecretNames.AnthropicApiKey] = AnthropicKey;
        environment["JIRA_EMAIL"] = TrackerScenario.JiraEmail;
        environment["JIRA_API_TOKEN"] = TrackerScenario.JiraToken;
        environment["NEW_RELIC_API_KEY"] = NewRelicKey;
        foreach (var (name, value) in Extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Runs ImplementSpec for FEAT-0001 as the task would.</summary>
    public ImplementationResult Run(bool force = false, bool dryRun = false, bool restart = false) =>
        new ImplementSpecTaskRunner(NotificationInputs.Files, new NotificationHost(Work.Path, Environment(), Log, dryRun, TimeProvider.System, TestData.FastRetry))
            .Run(new ImplementSpecSettings { Spec = "FEAT-0001", Force = force, Restart = restart });

    /// <summary>
    /// A reviewer's own clone of origin: they commit <paramref name="file"/> on the spec branch and
    /// push it, as a person working on the pull request would; the commit pushed.
    /// </summary>
    public string ReviewerPushes(string file, string content, string branch = "spec/feat-0001")
    {
        var clone = new SpecRepository(Path.Combine(Scratch, "reviewer-" + Guid.NewGuid().ToString("N")[..6]));
        clone.Git("clone", "-q", "--branch", branch, Origin.Path, ".");
        clone.Write(file, content);
        var commit = clone.Commit("Reviewer: " + file);
        clone.Git("push", "-q", "origin", "HEAD:refs/heads/" + branch);
        return commit;
    }

    /// <summary>The spec file's text on a branch of origin.</summary>
    public string SpecOn(string branch) => Origin.Git("show", $"{branch}:specs/features/FEAT-0001.yaml");

    /// <summary>Every branch on origin.</summary>
    public IReadOnlyList<string> RemoteBranches() =>
        Origin.Git("for-each-ref", "--format=%(refname:short)", "refs/heads").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What the webhook endpoint received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Hooks() => [.. Webhook.Requests.Where(request => request.Path == "/hook")];

    /// <summary>The events the webhook received, in order.</summary>
    public IReadOnlyList<string> Events() => [.. Hooks().Select(request => request.Header("X-SpecCake-Event"))];

    /// <summary>The events New Relic received (they carry the duration), in order.</summary>
    public IReadOnlyList<System.Text.Json.Nodes.JsonNode> NewRelicEvents() =>
        [.. Webhook.Requests.Where(request => request.Path == "/v1/accounts/1234567/events").Select(request => request.Json[0]!)];

    /// <summary>Every file under the artifact folder, with its text.</summary>
    public IReadOnlyDictionary<string, string> Artifacts()
    {
        var folder = Path.Combine(Work.Path, ".artifacts", "implement", "feat-0001");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).ToDictionary(file => Path.GetFileName(file), File.ReadAllText)
            : new Dictionary<string, string>();
    }

    public async ValueTask DisposeAsync()
    {
        await GitHub.DisposeAsync();
        await Webhook.DisposeAsync();
        await Jira.DisposeAsync();
        Work.Dispose();
        Origin.Dispose();
        TempFolder.Delete(Scratch);
    }
}
