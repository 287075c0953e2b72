using SpecCake.Events;
using SpecCake.Specs;

namespace SpecCake.Tests.Events;

public sealed class SpecEventFactoryTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 19, 13, 0, 0, TimeSpan.FromHours(1));

    private static readonly Spec[] Specs =
    [
        new() { Id = "FEAT-0001", Title = "User Authentication", Status = SpecStatus.Approved, File = "specs/features/FEAT-0001.yaml", Reviewers = ["@alice"] },
        new() { Id = "BUG-0002", Title = "Crash on save", Status = SpecStatus.Draft, File = "specs/bugs/BUG-0002.yaml" },
    ];

    private static readonly Dictionary<string, string?> GitHubActions = new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_REPOSITORY"] = "org/repo",
        ["GITHUB_SERVER_URL"] = "https://github.example.com",
        ["GITHUB_RUN_ID"] = "987654",
        ["GITHUB_HEAD_REF"] = "spec/feat-0001",
        ["GITHUB_REF_NAME"] = "42/merge",
        ["GITHUB_SHA"] = "abc123",
    };

    [Fact]
    public void Create_InGitHubActions_FillsRepositoryPrUrlLogsUrlBranchAndSpecUrl()
    {
        var specEvent = SpecEventFactory.Create(
            new SpecEventArguments { Event = "implementation_completed", Spec = "FEAT-0001", Pr = 42, Duration = 90 },
            Specs,
            GitHubActions,
            Now);

        Assert.Equal(SpecEventKind.ImplementationCompleted, specEvent.Kind);
        Assert.Equal(new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero), specEvent.Timestamp);
        Assert.Equal(TimeSpan.Zero, specEvent.Timestamp.Offset);
        Assert.Equal("FEAT-0001", specEvent.Spec?.Id);
        Assert.Equal(new RepositoryReference("org", "repo"), specEvent.Repository);
        Assert.Equal(new PullRequestReference(42, "https://github.example.com/org/repo/pull/42"), specEvent.PullRequest);
        Assert.Equal("https://github.example.com/org/repo/actions/runs/987654", specEvent.LogsUrl);
        Assert.Equal("spec/feat-0001", specEvent.Branch);
        Assert.Equal("https://github.example.com/org/repo/blob/spec/feat-0001/specs/features/FEAT-0001.yaml", specEvent.SpecUrl);
        Assert.Equal(["@alice"], specEvent.Reviewers);
        Assert.Equal(TimeSpan.FromSeconds(90), specEvent.Duration);
    }

    [Fact]
    public void Create_ArgumentsGiven_WinOverTheEnvironment()
    {
        var specEvent = SpecEventFactory.Create(
            new SpecEventArguments
            {
                Event = "implementation_failed", Spec = "feat-0001", PrUrl = "https://git.example.com/o/r/pull/7", Branch = "main",
                LogsUrl = "https://ci.example.com/1", Error = "Schema validation failed", Reviewers = ["@bob, @carol", "@dan"],
            },
            Specs,
            GitHubActions,
            Now);

        Assert.Equal(new PullRequestReference(7, "https://git.example.com/o/r/pull/7"), specEvent.PullRequest);
        Assert.Equal("main", specEvent.Branch);
        Assert.Equal("https://ci.example.com/1", specEvent.LogsUrl);
        Assert.Equal("Schema validation failed", specEvent.Error);
        Assert.Equal(["@bob", "@carol", "@dan"], specEvent.Reviewers);
    }

    [Theory]
    [InlineData("spec/feat-0001")]
    [InlineData("spec/FEAT-0001")]
    [InlineData("refs/heads/Spec/Feat-0001")]
    public void Create_NoSpecOnSpecBranch_DerivesTheSpecCaseInsensitively(string branch)
    {
        var specEvent = SpecEventFactory.Create(
            new SpecEventArguments { Event = "implementation_started" },
            Specs,
            new Dictionary<string, string?> { ["GITHUB_REF_NAME"] = branch },
            Now);

        Assert.Equal("FEAT-0001", specEvent.Spec?.Id);
    }

    [Theory]
    [InlineData("specs/bugs/BUG-0002.yaml")]
    [InlineData("./specs/bugs/BUG-0002.yaml")]
    [InlineData("bugs/BUG-0002.yaml")]
    public void Create_SpecGivenAsPath_FindsIt(string path)
    {
        var specEvent = SpecEventFactory.Create(new SpecEventArguments { Event = "spec_created", Spec = path }, Specs, new Dictionary<string, string?>(), Now);

        Assert.Equal("BUG-0002", specEvent.Spec?.Id);
        Assert.Null(specEvent.Repository);
        Assert.Null(specEvent.SpecUrl);
    }

    [Fact]
    public void Create_UnknownEventAndUnknownSpec_OneErrorListingValidValues()
    {
        var error = Assert.Throws<SpecEventArgumentException>(() => SpecEventFactory.Create(
            new SpecEventArguments { Event = "implementation_done", Spec = "FEAT-9999", Pr = -1 },
            Specs,
            new Dictionary<string, string?>(),
            Now));

        Assert.Equal(
            "NotifySpecEvent cannot run:\n" +
            "  - --event 'implementation_done' is not an event; valid events: spec_created, spec_approved, implementation_started, implementation_completed, implementation_failed, pr_created, pr_merged, validation_failed.\n" +
            "  - --spec 'FEAT-9999' matches no spec ID or file; known specs: BUG-0002, FEAT-0001.\n" +
            "  - --pr must be a positive pull request number, not -1.",
            error.Message.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Create_NoEventNoSpecNoSpecBranch_SaysBothAreRequired()
    {
        var error = Assert.Throws<SpecEventArgumentException>(() => SpecEventFactory.Create(
            new SpecEventArguments(), Specs, new Dictionary<string, string?> { ["GITHUB_REF_NAME"] = "main" }, Now));

        Assert.Equal(
            [
                "--event is required; valid events: spec_created, spec_approved, implementation_started, implementation_completed, implementation_failed, pr_created, pr_merged, validation_failed.",
                "--spec is required (or run on a spec/<id> branch); known specs: BUG-0002, FEAT-0001.",
            ],
            error.Problems);
    }

    [Fact]
    public void Create_SpecBranchNamingUnknownSpec_SaysSo()
    {
        var error = Assert.Throws<SpecEventArgumentException>(() => SpecEventFactory.Create(
            new SpecEventArguments { Event = "implementation_started" }, Specs, new Dictionary<string, string?> { ["GITHUB_HEAD_REF"] = "spec/feat-0404" }, Now));

        Assert.Equal("--spec is absent and branch 'spec/feat-0404' names spec 'feat-0404', which does not exist; known specs: BUG-0002, FEAT-0001.", error.Message);
    }
}
