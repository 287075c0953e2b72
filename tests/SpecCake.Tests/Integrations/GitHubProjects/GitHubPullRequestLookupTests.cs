using SpecCake.Configuration;
using SpecCake.Events;
using SpecCake.Integrations.GitHubProjects;
using SpecCake.Trackers;

namespace SpecCake.Tests.Integrations.GitHubProjects;

public sealed class GitHubPullRequestLookupTests
{
    private const long MiB = 1024 * 1024;
    private const string Token = "ghp_lookupTOKEN5e3a9c";

    [Fact]
    public async Task NodeIdAsync_RedirectAnswer_NotFollowedSoTheTokenStaysHome()
    {
        await using var elsewhere = await LoopbackServer.StartAsync();
        await using var server = await LoopbackServer.StartAsync((_, request, context) =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = elsewhere.Url(request.Path);
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<TrackerException>(() =>
            Lookup(server).NodeIdAsync("octo-org/specs-repo", new PullRequestReference(7, "https://github.com/octo-org/specs-repo/pull/7")));

        Assert.Empty(elsewhere.Requests);
        Assert.True(error.Message.Contains("redirects are not followed", StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeIdAsync_EndlessAnswer_FailsWithoutReadingItAll()
    {
        await using var server = EndlessServer.Start(200, "OK", "application/json", "{\"node_id\":\"");

        var error = await Assert.ThrowsAsync<TrackerException>(() =>
            Lookup(server).NodeIdAsync("octo-org/specs-repo", new PullRequestReference(7, "https://github.com/octo-org/specs-repo/pull/7")))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("answered with more than 8 MiB", error.Message, StringComparison.Ordinal);
        Assert.True(server.BytesWritten < 64 * MiB, $"the client let the server push {server.BytesWritten / MiB} MiB");
    }

    private static GitHubPullRequestLookup Lookup(LoopbackServer server) => Lookup(server.Origin);

    private static GitHubPullRequestLookup Lookup(EndlessServer server) => Lookup(server.Origin);

    private static GitHubPullRequestLookup Lookup(string origin) => new(origin, Token, new SecretMasker());
}
