using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.Sentry;

public sealed class SentryNotifierTests
{
    private static SpecCakeConfig Config() => IncidentTestData.Config(new IntegrationsOptions { Sentry = IncidentTestData.Sentry() });

    [Fact]
    public async Task NotifyAsync_ImplementationFailed_EnvelopeWithTagsFingerprintAndEnvironmentWithoutGlobalHub()
    {
        await using var server = await IncidentTestData.ServiceAsync(200, """{"id":"fc6d8c0c43fc4630ad850ee518f1b9d0"}""");
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(Config(), IncidentTestData.Failed, log, IncidentTestData.Secrets(server));

        var result = Assert.Single(report.Results);
        Assert.Equal(("sentry", DeliveryStatus.Sent, 1), (result.Target, result.Status, result.Attempts));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/api/1/envelope/"), (request.Method, request.PathAndQuery));
        Assert.Contains("sentry_key=" + IncidentTestData.SentryKey, request.Header("X-Sentry-Auth"), StringComparison.Ordinal);
        var sentryEvent = SentryEnvelope.EventOf(request);
        Assert.Equal("error", (string?)sentryEvent["level"]);
        Assert.Equal("production", (string?)sentryEvent["environment"]);
        Assert.Equal("FEAT-0001", (string?)sentryEvent["tags"]!["spec_id"]);
        Assert.Equal("implementation_failed", (string?)sentryEvent["tags"]!["event"]);
        Assert.Equal("org/repo", (string?)sentryEvent["tags"]!["repository"]);
        Assert.Equal(["FEAT-0001", "implementation_failed"], sentryEvent["fingerprint"]!.AsArray().Select(part => (string?)part));
        Assert.Equal("FEAT-0001 User Authentication: implementation_failed: Schema validation failed", (string?)sentryEvent["logentry"]!["message"]);
        Assert.Equal("https://github.com/org/repo/actions/runs/7", (string?)sentryEvent["extra"]!["logs_url"]);
        Assert.StartsWith("speccake@", (string?)sentryEvent["release"], StringComparison.Ordinal);
        Assert.False(global::Sentry.SentrySdk.IsEnabled, "SpecCake initialised the global Sentry hub");
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Fact]
    public async Task NotifyAsync_SameFailureTwice_SameFingerprintDifferentEventIds()
    {
        await using var server = await IncidentTestData.ServiceAsync(200, "{}");

        await IncidentTestData.NotifyAsync(Config(), IncidentTestData.Failed, new RecordingLog(), IncidentTestData.Secrets(server));
        await IncidentTestData.NotifyAsync(Config(), IncidentTestData.Failed, new RecordingLog(), IncidentTestData.Secrets(server));

        var events = server.Requests.Select(SentryEnvelope.EventOf).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(events[0]["fingerprint"]!.ToJsonString(), events[1]["fingerprint"]!.ToJsonString());
        Assert.NotEqual((string?)events[0]["event_id"], (string?)events[1]["event_id"]);
    }

    [Fact]
    public async Task NotifyAsync_SuccessNotInReportOn_NothingSent()
    {
        await using var server = await IncidentTestData.ServiceAsync(200, "{}");

        var report = await IncidentTestData.NotifyAsync(Config(), IncidentTestData.Completed, new RecordingLog(), IncidentTestData.Secrets(server));

        Assert.Equal(("sentry", DeliveryStatus.Skipped), (report.Results.Single().Target, report.Results.Single().Status));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task NotifyAsync_SuccessInReportOn_InfoLevelEvent()
    {
        await using var server = await IncidentTestData.ServiceAsync(200, "{}");
        var config = IncidentTestData.Config(new IntegrationsOptions
        {
            Sentry = IncidentTestData.Sentry() with { ReportOn = [SpecEventKind.ImplementationCompleted] },
        });

        await IncidentTestData.NotifyAsync(config, IncidentTestData.Completed, new RecordingLog(), IncidentTestData.Secrets(server));

        var sentryEvent = SentryEnvelope.EventOf(Assert.Single(server.Requests));
        Assert.Equal("info", (string?)sentryEvent["level"]);
        Assert.Equal("production", (string?)sentryEvent["environment"]);
        Assert.Equal("implementation_completed", (string?)sentryEvent["tags"]!["event"]);
    }

    [Fact]
    public async Task NotifyAsync_InvalidProjectKey_FailsAtOnceWithSentrysMessage()
    {
        await using var server = await IncidentTestData.ServiceAsync(403, """{"detail":"event submission rejected with_reason: ProjectId"}""");
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(Config(), IncidentTestData.Failed, log, IncidentTestData.Secrets(server));

        var result = Assert.Single(report.Results);
        Assert.Equal((DeliveryStatus.Failed, 1), (result.Status, result.Attempts));
        Assert.Equal("HTTP 403 Forbidden: event submission rejected with_reason: ProjectId", result.Reason);
        Assert.Single(server.Requests);
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Fact]
    public async Task NotifyAsync_429WithRetryAfterWithinTheLimit_RetriedAfterTheWaitSentryAsked()
    {
        await using var server = await LoopbackServer.StartAsync((index, _, context) =>
        {
            if (index == 0)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
            }

            return Task.CompletedTask;
        });
        var log = new RecordingLog();

        var report = await SpecEventNotifier.NotifyAsync(Config(), IncidentTestData.Failed, TestData.Options(log, IncidentTestData.Secrets(server), retry: IncidentTestData.Retry));

        Assert.Equal((DeliveryStatus.Sent, 2), (report.Results.Single().Status, report.Results.Single().Attempts));
        var waited = server.Requests[1].ReceivedAt - server.Requests[0].ReceivedAt;
        Assert.True(waited >= TimeSpan.FromMilliseconds(950), $"retried after {waited.TotalMilliseconds} ms");
        Assert.Contains("sentry: HTTP 429 Too Many Requests; retrying in 1s", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_429WithRetryAfterLongerThanAllowed_FailsAtOnceWithTheReason()
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "999999";
            return Task.CompletedTask;
        });

        var report = await SpecEventNotifier.NotifyAsync(Config(), IncidentTestData.Failed, TestData.Options(new RecordingLog(), IncidentTestData.Secrets(server), retry: IncidentTestData.Retry))
            .WaitAsync(TimeSpan.FromSeconds(20));

        var result = report.Results.Single();
        Assert.Equal((DeliveryStatus.Failed, 1), (result.Status, result.Attempts));
        Assert.Equal("HTTP 429 Too Many Requests: asked to retry after 999999s, more than the 2s allowed", result.Reason);
    }

    [Fact]
    public async Task NotifyAsync_503ThenAccepted_EveryAttemptCarriesTheSameEventIdSoSentryDropsRepeats()
    {
        await using var server = await LoopbackServer.StartAsync((index, _, context) =>
        {
            context.Response.StatusCode = index == 0 ? 503 : 200;
            return Task.CompletedTask;
        });

        var report = await IncidentTestData.NotifyAsync(Config(), IncidentTestData.Failed, new RecordingLog(), IncidentTestData.Secrets(server));

        Assert.Equal((DeliveryStatus.Sent, 2), (report.Results.Single().Status, report.Results.Single().Attempts));
        var ids = server.Requests.Select(request => (string?)SentryEnvelope.EventOf(request)["event_id"]).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public async Task NotifyAsync_EndlessErrorBody_ReadsAFewKilobytesAndReportsTheStatus()
    {
        const long MiB = 1024 * 1024;
        await using var server = EndlessServer.Start(400, "Bad Request", "application/json", "{\"detail\":\"");
        var allocatedBefore = GC.GetTotalAllocatedBytes();

        var secrets = IncidentTestData.Secrets();
        secrets["SENTRY_DSN"] = $"http://{IncidentTestData.SentryKey}@127.0.0.1:{new Uri(server.Origin).Port}/1";
        var report = await IncidentTestData.NotifyAsync(Config(), IncidentTestData.Failed, new RecordingLog(), secrets)
            .WaitAsync(TimeSpan.FromSeconds(60));

        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var result = report.Results.Single();
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.StartsWith("HTTP 400 Bad Request: {\"detail\":\"xxxx", result.Reason, StringComparison.Ordinal);
        Assert.True(server.BytesWritten < 64 * MiB, $"the client let the server push {server.BytesWritten / MiB} MiB");
        Assert.True(allocated < 256 * MiB, $"{allocated / MiB} MiB allocated while reading the answer");
    }

    [Fact]
    public async Task NotifyAsync_DsnWithoutKey_FailureWithoutEchoingIt()
    {
        var secrets = IncidentTestData.Secrets();
        secrets["SENTRY_DSN"] = "not-a-dsn-value";

        var report = await IncidentTestData.NotifyAsync(Config(), IncidentTestData.Failed, new RecordingLog(), secrets);

        var result = Assert.Single(report.Results);
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.StartsWith("SENTRY_DSN is not a Sentry DSN", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-dsn-value", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_DryRun_DescribesTheEventWithTheDsnMasked()
    {
        await using var server = await IncidentTestData.ServiceAsync(200, "{}");
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(Config(), IncidentTestData.Failed, log, IncidentTestData.Secrets(server), dryRun: true);

        Assert.Equal(DeliveryStatus.DryRun, report.Results.Single().Status);
        Assert.Empty(server.Requests);
        Assert.Contains("DSN: ***", log.Text, StringComparison.Ordinal);
        Assert.Contains("tags: spec_id=FEAT-0001, event=implementation_failed, repository=org/repo", log.Text, StringComparison.Ordinal);
        Assert.Contains("fingerprint: [FEAT-0001, implementation_failed]", log.Text, StringComparison.Ordinal);
        IncidentTestData.AssertNoSecrets(log, report);
    }
}
