using System.Net.Sockets;
using System.Security.Authentication;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Http;
using SpecCake.Integrations;
using SpecCake.Tests.Delivery;
using SpecCake.Trackers;
using static SpecCake.Tests.Trackers.Fakes.TrackerScenario;

namespace SpecCake.Tests.Http;

/// <summary>
/// A connection that fails says what happened, in words, through every client on the one HTTP path
/// (notifiers, trackers, Octokit): never the runtime's generic "An error occurred while sending the
/// request." nor, on a host published with UseSystemResourceKeys, its key.
/// </summary>
public sealed class NetworkFailureTests
{
    private static readonly SpecEvent Completed = TestData.Event(SpecEventKind.ImplementationCompleted);

    [Theory]
    [InlineData(ClosingKind.Close, "closed the connection without answering")]
    [InlineData(ClosingKind.Reset, "reset the connection")]
    public async Task SendAsync_ServerEndsTheConnection_SaysHowAndWhere(ClosingKind kind, string what)
    {
        await using var server = ClosingServer.Start(kind);

        var report = await SpecEventNotifier.NotifyAsync(
            TestData.Webhooks(TestData.Endpoint("dropped", server.Url("/hook"), retryCount: 0)), Completed, TestData.Options(new RecordingLog()));

        var result = Assert.Single(report.Results);
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Equal($"network error: {server.Endpoint} {what}", result.Reason);
    }

    [Fact]
    public async Task SendAsync_TlsToAServerThatCloses_SaysTheHandshakeFailed()
    {
        await using var server = ClosingServer.Start();

        var report = await SpecEventNotifier.NotifyAsync(
            TestData.Webhooks(TestData.Endpoint("tls", $"https://{server.Endpoint}/hook", retryCount: 0)), Completed, TestData.Options(new RecordingLog()));

        Assert.Equal($"network error: the TLS handshake with {server.Endpoint} failed: the server closed the connection", Assert.Single(report.Results).Reason);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_SaysNothingListensThere()
    {
        var url = LoopbackServer.RefusingUrl();

        var report = await SpecEventNotifier.NotifyAsync(
            TestData.Webhooks(TestData.Endpoint("gone", url, retryCount: 0)), Completed, TestData.Options(new RecordingLog()));

        Assert.Equal($"network error: {new Uri(url).Authority} refused the connection (nothing listens on that port)", Assert.Single(report.Results).Reason);
    }

    [Fact]
    public async Task SyncAsync_TrackerAcceptsAndCloses_TheErrorNamesTheRequestAndWhatHappened()
    {
        await using var server = ClosingServer.Start();

        var summary = await TrackerSync.SyncAsync(Config(jira: Jira(server.Origin)), Environment(), [Spec(1)], Options());

        var outcome = Assert.Single(summary.Trackers.Single().Outcomes);
        Assert.Equal(SpecSyncAction.Failed, outcome.Action);
        Assert.Equal($"jira: POST /rest/api/3/search/jql could not be completed: {server.Endpoint} closed the connection without answering", outcome.Error);
    }

    [Fact]
    public async Task SyncAsync_TrackerClosesInTheMiddleOfItsAnswer_SaysSo()
    {
        await using var server = ClosingServer.Start(ClosingKind.CloseMidAnswer);

        var summary = await TrackerSync.SyncAsync(Config(jira: Jira(server.Origin)), Environment(), [Spec(1)], Options());

        Assert.Equal(
            $"jira: POST /rest/api/3/search/jql could not be completed: {server.Endpoint} closed the connection in the middle of its answer",
            Assert.Single(summary.Trackers.Single().Outcomes).Error);
    }

    [Fact]
    public async Task Octokit_GitHubAcceptsAndCloses_TheExceptionSaysWhatHappened()
    {
        // ImplementSpec's and GitHub Projects' Octokit client, on the one HTTP path.
        await using var server = ClosingServer.Start();
        var client = GitHubClientFactory.Create(new Uri(server.Origin), "ghp_closingTOKEN41f0", TestData.FastRetry, TimeProvider.System);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.Repository.Get("acme", "widgets"));

        Assert.Equal($"{server.Endpoint} closed the connection without answering", error.Message);
        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError, SocketError.HostNotFound, "the name specs.example did not resolve (no such host, or no DNS answer)")]
    [InlineData(HttpRequestError.ConnectionError, SocketError.TimedOut, "the connection to specs.example:443 timed out")]
    [InlineData(HttpRequestError.ConnectionError, SocketError.NetworkUnreachable, "specs.example:443 is unreachable (no route to it)")]
    [InlineData(HttpRequestError.SecureConnectionError, SocketError.ConnectionReset, "the TLS handshake with specs.example:443 failed: the server reset the connection")]
    [InlineData(HttpRequestError.InvalidResponse, null, "specs.example:443 answered with something that is not HTTP")]
    [InlineData(HttpRequestError.ProxyTunnelError, null, "the proxy would not open a tunnel to specs.example:443")]
    public void Describe_FailureOfEachKind_SaysWhatHappenedFromItsKindNotItsMessage(HttpRequestError error, SocketError? socket, string expected)
    {
        // The messages are what a host trimmed with UseSystemResourceKeys carries: keys, not words.
        var inner = socket is { } code ? new IOException("net_io_readfailure", new SocketException((int)code)) : null;
        var failure = new HttpRequestException(error, "net_http_client_execution_error", inner);

        Assert.Equal(expected, NetworkFailure.Describe(failure, "specs.example:443"));
    }

    [Fact]
    public void Describe_CertificateRefused_SaysTheCertificateWasNotAccepted()
    {
        var failure = new HttpRequestException(HttpRequestError.SecureConnectionError, "net_http_ssl_connection_failed", new AuthenticationException("net_ssl_io_cert_validation"));

        Assert.Equal(
            "the TLS handshake with specs.example:443 failed: the server's certificate was not accepted, or it does not speak TLS on that port",
            NetworkFailure.Describe(failure, "specs.example:443"));
    }
}
