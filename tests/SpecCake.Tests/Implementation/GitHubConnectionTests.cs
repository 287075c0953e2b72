using Octokit;
using SpecCake.Implementation;

namespace SpecCake.Tests.Implementation;

/// <summary>ImplementSpec's Octokit client goes through the one HTTP path, whatever Octokit would do itself.</summary>
public sealed class GitHubConnectionTests
{
    private const string Token = "ghp_implementTOKEN7f1c0d";

    [Fact]
    public async Task Create_RedirectAnswer_NotFollowedSoTheTokenStaysHome()
    {
        await using var elsewhere = await LoopbackServer.StartAsync();
        await using var server = await LoopbackServer.StartAsync((_, request, context) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = elsewhere.Url(request.Path);
            return Task.CompletedTask;
        });

        var client = GitHubConnection.Create(new Uri(server.Origin + "/api/v3"), Token);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.Repository.Get("octo-org", "specs-repo"));

        Assert.Empty(elsewhere.Requests);
        Assert.Single(server.Requests);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PullRequestCreateAnswered502_NotSentASecondTime()
    {
        // A 502 may come after GitHub made the pull request: a repeat would be refused (422) or, on
        // another base, make a second one. Reads are still retried.
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 502;
            return Task.CompletedTask;
        });

        var client = GitHubConnection.Create(new Uri(server.Origin + "/api/v3"), Token);
        await Assert.ThrowsAnyAsync<ApiException>(() =>
            client.PullRequest.Create("octo-org", "specs-repo", new NewPullRequest("[FEAT-0001] Title", "spec/feat-0001", "main")));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
    }
}
