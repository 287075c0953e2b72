using Microsoft.AspNetCore.Http;
using SpecCake.Configuration;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Trackers;

public sealed class TrackerHttpTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task SendAsync_EndlessJsonAnswer_FailsNamingTheTrackerAndTheRequest()
    {
        await using var server = EndlessServer.Start(200, "OK", "application/json", "{\"issues\":[\"");
        var allocatedBefore = GC.GetTotalAllocatedBytes();

        var summary = await TrackerSync.SyncAsync(Config(jira: Jira(server.Origin)), Environment(), [Spec(1)], Options())
            .WaitAsync(TimeSpan.FromSeconds(60));

        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var outcome = Assert.Single(summary.Trackers.Single().Outcomes);
        Assert.Equal(SpecSyncAction.Failed, outcome.Action);
        Assert.StartsWith("jira: POST /rest/api/3/search/jql answered with more than 8 MiB", outcome.Error, StringComparison.Ordinal);
        Assert.True(server.BytesWritten < 64 * MiB, $"the client let the server push {server.BytesWritten / MiB} MiB");
        Assert.True(allocated < 256 * MiB, $"{allocated / MiB} MiB allocated while reading the answer");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"data\"")]
    [InlineData("42")]
    public async Task GraphQLAsync_AnswerThatIsNotAnObject_FailsNamingTheTrackerWithoutAnException(string answer)
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(answer);
        });

        var summary = await TrackerSync.SyncAsync(Config(linear: Linear(server.Origin)), Environment(), [Spec(1)], Options());

        var outcome = Assert.Single(summary.Trackers.Single().Outcomes);
        Assert.Equal(SpecSyncAction.Failed, outcome.Action);
        Assert.Equal("linear: the GraphQL API answered with something other than a JSON object", outcome.Error);
    }

    [Fact]
    public async Task SendAsync_RedirectAnswer_NotFollowedAndWhereItPointedNamed()
    {
        await using var elsewhere = await LoopbackServer.StartAsync();
        await using var server = await LoopbackServer.StartAsync((_, request, context) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = elsewhere.Url(request.Path);
            return Task.CompletedTask;
        });

        var summary = await TrackerSync.SyncAsync(Config(jira: Jira(server.Origin)), Environment(), [Spec(1)], Options());

        var outcome = Assert.Single(summary.Trackers.Single().Outcomes);
        Assert.Equal(SpecSyncAction.Failed, outcome.Action);
        Assert.Empty(elsewhere.Requests);
        Assert.Single(server.Requests);
        Assert.StartsWith(
            $"jira: POST /rest/api/3/search/jql answered 307 Temporary Redirect to {elsewhere.Origin}/rest/api/3/search/jql: redirects are not followed",
            outcome.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ErrorBodyEchoesTheTokenAcrossTheCut_NoPrefixOfItShown()
    {
        // The token starts 8 characters before the 500-character excerpt ends.
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 401;
            return context.Response.WriteAsync(new string('.', 492) + JiraToken + " is not a valid token");
        });

        var summary = await TrackerSync.SyncAsync(Config(jira: Jira(server.Origin)), Environment(), [Spec(1)], Options());

        var error = Assert.Single(summary.Trackers.Single().Outcomes).Error!;
        Assert.StartsWith("jira: POST /rest/api/3/search/jql answered 401 Unauthorized: ....", error, StringComparison.Ordinal);
        Assert.DoesNotContain(JiraToken[..6], error, StringComparison.Ordinal);
        Assert.DoesNotContain(JiraToken[..6], summary.Render(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task SendAsync_ReadOnlyClientAskedToWrite_RefusesBeforeAnythingIsSent(string method)
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{}");
        });
        using var http = new TrackerHttp("jira", new Dictionary<string, string>(), new SecretMasker(), Options(), readOnly: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => http.SendAsync(new HttpMethod(method), server.Url("/rest/api/3/issue"), null, CancellationToken.None));

        Assert.Equal($"jira: {method} /rest/api/3/issue refused: this client is read-only", error.Message);
        Assert.Empty(server.Requests);
        await http.SendAsync(HttpMethod.Get, server.Url("/rest/api/3/myself"), null, CancellationToken.None);
        Assert.Equal("GET", Assert.Single(server.Requests).Method);
    }

    [Theory]
    [InlineData("mutation SpecCakeIssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success } }", false)]
    [InlineData("  subscription Changes { issueUpdated { id } }", false)]
    [InlineData("query SpecCakeViewer { viewer { id } }", true)]
    [InlineData("{ viewer { id } }", true)]
    public async Task GraphQLAsync_ReadOnlyClient_SendsQueriesAndRefusesEverythingElse(string operation, bool sent)
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{\"data\":{}}");
        });
        using var http = new TrackerHttp("linear", new Dictionary<string, string>(), new SecretMasker(), Options(), readOnly: true);

        var send = () => http.GraphQLAsync(server.Url("/graphql"), operation, [], CancellationToken.None);

        if (sent)
        {
            await send();
            Assert.Equal("POST", Assert.Single(server.Requests).Method);
        }
        else
        {
            await Assert.ThrowsAsync<InvalidOperationException>(send);
            Assert.Empty(server.Requests);
        }
    }
}
