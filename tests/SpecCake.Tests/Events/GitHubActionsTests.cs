using SpecCake.Events;
using SpecCake.Trackers;

namespace SpecCake.Tests.Events;

public sealed class GitHubActionsTests
{
    [Theory]
    [InlineData("owner")]
    [InlineData("owner/name/extra")]
    [InlineData("/name")]
    public void RepositoryUrl_NotOwnerSlashName_NoUrlForEventsOrTrackers(string repository)
    {
        var environment = new Dictionary<string, string?> { ["GITHUB_REPOSITORY"] = repository, ["GITHUB_RUN_ID"] = "7" };

        Assert.Null(GitHubActions.RepositoryUrl(environment));
        Assert.Null(TrackerEnvironment.SpecFileUrl(environment, "specs/FEAT-0001.yaml"));
        Assert.Null(SpecEventFactory.LogsUrl(environment));
    }

    [Fact]
    public void RepositoryUrl_OwnerSlashNameOnAnotherServer_TheSameUrlForEventsAndTrackers()
    {
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_REPOSITORY"] = " acme/widgets ",
            ["GITHUB_SERVER_URL"] = "https://github.example.com/",
            ["GITHUB_RUN_ID"] = "7",
        };

        Assert.Equal("https://github.example.com/acme/widgets", GitHubActions.RepositoryUrl(environment));
        Assert.Equal("https://github.example.com/acme/widgets/blob/HEAD/specs/FEAT-0001.yaml", TrackerEnvironment.SpecFileUrl(environment, "specs/FEAT-0001.yaml"));
        Assert.Equal("https://github.example.com/acme/widgets/actions/runs/7", SpecEventFactory.LogsUrl(environment));
    }

    [Fact]
    public void AppendStepSummary_OnActions_AppendsToTheFileItNames()
    {
        var file = Path.Combine(Path.GetTempPath(), $"speccake-summary-{Guid.NewGuid():N}.md");
        try
        {
            File.WriteAllText(file, "before\n");
            var environment = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = file };

            Assert.Null(GitHubActions.AppendStepSummary(GitHubActions.Reader(environment), "| a |\n"));

            Assert.Equal("before\n| a |\n", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AppendStepSummary_OutsideActions_WritesNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"speccake-summary-{Guid.NewGuid():N}.md");
        var environment = new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = file };

        Assert.Null(GitHubActions.AppendStepSummary(GitHubActions.Reader(environment), "| a |\n"));

        Assert.False(File.Exists(file));
    }

    [Fact]
    public void AppendStepSummary_FileInAMissingFolder_SaysWhyInsteadOfThrowing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"speccake-missing-{Guid.NewGuid():N}", "summary.md");
        var environment = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = file };

        var problem = GitHubActions.AppendStepSummary(GitHubActions.Reader(environment), "| a |\n");

        Assert.NotNull(problem);
        Assert.False(File.Exists(file));
    }
}
