using Cake.Core;
using SpecCake.Aliases;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Specs.Changes;

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
        using var repository = TempGitRepository.Init();
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
        using var repository = TempGitRepository.Init();
        repository.Write("specs.config.yaml", "specs:\n  paths: [\"specs/**/*.yaml\"]\n").Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: One\nstatus: draft\n");
        var before = repository.Commit("specs");
        repository.Write("README.md", "x\n").Commit("docs");
        var output = Path.Combine(repository.Path, "github-output.txt");
        var context = new TestCakeContext(repository.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_OUTPUT"] = output });

        context.DetectSpecEvents(new DetectSpecEventsSettings { Base = before });

        Assert.Equal("approved_specs=[]\n", File.ReadAllText(output));
    }
}
