using Cake.Core;
using SpecCake.Aliases;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Aliases;

public sealed class DetectSpecEventsAliasTests
{
    [Fact]
    public void DetectSpecEvents_WithoutBase_FailsWithOnePlainLineNamingTheArgument()
    {
        var context = new TestCakeContext(Path.GetTempPath(), new Dictionary<string, string?>());

        var error = Assert.Throws<CakeException>(() => context.DetectSpecEvents(new DetectSpecEventsSettings()));

        Assert.Equal("DetectSpecEvents needs --base=<git ref>: the commit before the change (on a push: github.event.before).", error.Message);
    }

    [Fact]
    public void DetectSpecEvents_InGitHubActions_WritesTheApprovedSpecsAsAStepOutput()
    {
        using var repository = SpecRepository.Init();
        repository.Write("specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]\n")
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: One\nstatus: review\n")
            .Write("specs/FEAT-0002.yaml", "id: FEAT-0002\ntitle: Two\nstatus: draft\n");
        var before = repository.Commit("specs");
        repository.Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: One\nstatus: approved\n")
            .Write("specs/FEAT-0003.yaml", "id: FEAT-0003\ntitle: Three\nstatus: approved\n");
        repository.Commit("approve");
        var output = Path.Combine(repository.Path, "github-output.txt");
        File.WriteAllText(output, "earlier=1\n");
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_OUTPUT"] = output });

        context.DetectSpecEvents(new DetectSpecEventsSettings { Base = before });

        Assert.Equal("earlier=1\napproved_specs=[\"FEAT-0001\",\"FEAT-0003\"]\n", File.ReadAllText(output));
    }

    [Fact]
    public void DetectSpecEvents_NothingApproved_WritesAnEmptyList()
    {
        using var repository = SpecRepository.Init();
        repository.Write("specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]\n").Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: One\nstatus: draft\n");
        var before = repository.Commit("specs");
        repository.Write("README.md", "x\n").Commit("docs");
        var output = Path.Combine(repository.Path, "github-output.txt");
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_OUTPUT"] = output });

        context.DetectSpecEvents(new DetectSpecEventsSettings { Base = before });

        Assert.Equal("approved_specs=[]\n", File.ReadAllText(output));
    }

    [Fact]
    public async Task DetectSpecEvents_NewSpecHeardOnlyByTheWebhook_NeedsNoSlackSecret()
    {
        await using var hook = await LoopbackServer.StartAsync();
        using var repository = SlackAndWebhookRepository(hook, "id: FEAT-0002\ntitle: Two\nstatus: draft\n", out var before);
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?> { ["CREATED_TOKEN"] = "created-token-5ecret" });

        context.DetectSpecEvents(new DetectSpecEventsSettings { Base = before });

        var request = Assert.Single(hook.Requests);
        Assert.Equal(("/created", "spec_created"), (request.Path, request.Header("X-SpecCake-Event")));
    }

    [Fact]
    public async Task DetectSpecEvents_ASecondEventsSecretMissing_StopsBeforeTheFirstIsSent()
    {
        await using var hook = await LoopbackServer.StartAsync();
        using var repository = SlackAndWebhookRepository(hook, "id: FEAT-0002\ntitle: Two\nstatus: approved\n", out var before);
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?> { ["CREATED_TOKEN"] = "created-token-5ecret" });

        var error = Assert.Throws<CakeException>(() => context.DetectSpecEvents(new DetectSpecEventsSettings { Base = before }));

        // spec_created would reach one endpoint, spec_approved Slack and the other: nothing is sent without their secrets.
        Assert.Equal("DetectSpecEvents: the secrets SLACK_WEBHOOK_URL and APPROVED_SECRET are not set (see above)", error.Message);
        Assert.Empty(hook.Requests);
    }

    /// <summary>Slack hears spec_approved, one webhook endpoint spec_created; a commit then adds <paramref name="newSpec"/>.</summary>
    private static SpecRepository SlackAndWebhookRepository(LoopbackServer hook, string newSpec, out string before)
    {
        var repository = SpecRepository.Init();
        repository.Write("specs.config.yaml", $$"""
                specs:
                  paths: ["specs/**/*.yaml"]
                integrations:
                  slack:
                    enabled: true
                    notify_on: ["spec_approved"]
                  webhooks:
                    enabled: true
                    endpoints:
                      - name: "created"
                        url: "{{hook.Url("/created")}}"
                        events: ["spec_created"]
                        headers:
                          Authorization: "Bearer ${CREATED_TOKEN}"
                      - name: "approved"
                        url: "{{hook.Url("/approved")}}"
                        events: ["spec_approved"]
                        secret: "${APPROVED_SECRET}"
                """)
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: One\nstatus: draft\n");
        before = repository.Commit("config");
        repository.Write("specs/FEAT-0002.yaml", newSpec).Commit("a new spec");
        return repository;
    }
}
