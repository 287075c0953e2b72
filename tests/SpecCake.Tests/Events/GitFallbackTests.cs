using SpecCake.Events;

namespace SpecCake.Tests.Events;

public sealed class GitFallbackTests
{
    [Theory]
    [InlineData("https://github.com/org/repo.git", "org/repo", "https://github.com")]
    [InlineData("https://github.com/org/repo", "org/repo", "https://github.com")]
    [InlineData("git@github.com:org/repo.git", "org/repo", "https://github.com")]
    [InlineData("ssh://git@ghe.example.com:2222/team/service.git", "team/service", "https://ghe.example.com")]
    [InlineData("https://user:token@github.com/org/repo.git", "org/repo", "https://github.com")]
    public void ParseRemote_RemoteForms_RepositoryAndServer(string remote, string repository, string server) =>
        Assert.Equal((repository, server), GitFallback.ParseRemote(remote));

    [Theory]
    [InlineData("/srv/git/repo.git")]
    [InlineData("")]
    public void ParseRemote_NotAForgeRemote_Null(string remote) => Assert.Null(GitFallback.ParseRemote(remote));

    [Fact]
    public void Complete_LocalCheckoutOutsideActions_RepositoryBranchAndShaFromGit()
    {
        using var repository = new SpecRepository();
        var directory = repository.Path;
        Git(directory, "init", "-q", "-b", "spec/feat-0001");
        Git(directory, "remote", "add", "origin", "git@github.com:org/repo.git");
        Git(directory, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "init");

        var environment = GitFallback.Complete(new Dictionary<string, string?>(), directory);

        Assert.Equal("org/repo", environment["GITHUB_REPOSITORY"]);
        Assert.Equal("https://github.com", environment["GITHUB_SERVER_URL"]);
        Assert.Equal("spec/feat-0001", environment["GITHUB_REF_NAME"]);
        Assert.Matches("^[0-9a-f]{40}$", environment["GITHUB_SHA"]);
    }

    [Fact]
    public void Complete_InGitHubActions_EnvironmentKept()
    {
        var given = new Dictionary<string, string?> { ["GITHUB_REPOSITORY"] = "org/repo", ["GITHUB_REF_NAME"] = "main" };

        Assert.Same(given, GitFallback.Complete(given, Path.GetTempPath()));
    }

    private static void Git(string directory, params string[] arguments) => GitRunner.Run(directory, arguments);
}
