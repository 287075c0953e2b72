using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Webhooks;
using SpecCake.Validation;

namespace SpecCake.Tests.Delivery;

public sealed class SpecEventNotifierTests
{
    private static readonly SpecEvent Completed = TestData.Event(SpecEventKind.ImplementationCompleted);

    [Fact]
    public async Task NotifyAsync_500Then500Then200_DeliveredOnceWithTheSameDeliveryId()
    {
        await using var server = await LoopbackServer.StartAsync((index, _, context) =>
        {
            context.Response.StatusCode = index < 2 ? 500 : 200;
            return context.Response.WriteAsync(index < 2 ? "boom" : "ok");
        });
        var log = new RecordingLog();

        var report = await SpecEventNotifier.NotifyAsync(TestData.Webhooks(TestData.Endpoint("internal", server.Url("/hook"))), Completed, TestData.Options(log));

        var result = Assert.Single(report.Results);
        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, server.Requests.Count);
        var ids = server.Requests.Select(request => request.Header("X-SpecCake-Delivery")).Distinct().ToList();
        Assert.Single(ids);
        Assert.True(Guid.TryParse(ids[0], out _));
        Assert.All(server.Requests, request => Assert.Equal(server.Requests[0].Body, request.Body));
    }

    [Fact]
    public async Task NotifyAsync_429WithRetryAfterOneSecond_WaitsAndSucceeds()
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
        var clock = new FakeTimeProvider(TestData.Now);

        // The retry waits on the injected clock: the test moves it instead of sleeping.
        var sending = SpecEventNotifier.NotifyAsync(
            TestData.Webhooks(TestData.Endpoint("internal", server.Url("/hook"))),
            Completed,
            TestData.Options(log) with { TimeProvider = clock });
        await WaitUntilAsync(() => log.Text.Contains("HTTP 429; retrying in 1s", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromMilliseconds(900));
        await Task.Delay(100);
        Assert.Single(server.Requests);

        // The retry is logged just before Polly starts its wait on the clock: move the clock on in
        // small steps until the wait (started at the latest now) is over.
        for (var step = 0; step < 50 && !sending.IsCompleted; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(20);
        }

        var report = await sending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal((DeliveryStatus.Sent, 2), (report.Results.Single().Status, report.Results.Single().Attempts));
        Assert.Equal(2, server.Requests.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 5000, "timed out waiting");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task NotifyAsync_ServerNeverAnswers_TimeoutReportedAndTheOthersSent()
    {
        await using var silent = await LoopbackServer.StartAsync((_, _, context) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var healthy = await LoopbackServer.StartAsync();
        var log = new RecordingLog();
        var retry = TestData.FastRetry with { AttemptTimeout = TimeSpan.FromMilliseconds(200) };
        var config = TestData.Webhooks(
            TestData.Endpoint("silent", silent.Url("/hook"), retryCount: 1),
            TestData.Endpoint("healthy", healthy.Url("/hook"), retryCount: 1));

        var started = Stopwatch.GetTimestamp();
        var report = await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(log, retry: retry));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var failed = report.Results.Single(result => result.Target == "webhooks/silent");
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal(2, failed.Attempts);
        Assert.Contains("timed out: no answer within 0.2s", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Sent, report.Results.Single(result => result.Target == "webhooks/healthy").Status);
        Assert.Single(healthy.Requests);
        Assert.True(healthy.Requests[0].ReceivedAt - silent.Requests[0].ReceivedAt < TimeSpan.FromMilliseconds(150), "the healthy endpoint waited for the silent one");
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"took {elapsed}");
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_FailureReportedAfterRetries()
    {
        var log = new RecordingLog();

        var report = await SpecEventNotifier.NotifyAsync(TestData.Webhooks(TestData.Endpoint("gone", LoopbackServer.RefusingUrl(), retryCount: 2)), Completed, TestData.Options(log));

        var result = report.Results.Single();
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Matches(@"^network error: 127\.0\.0\.1:[0-9]+ refused the connection \(nothing listens on that port\)", result.Reason);
        Assert.True(report.HasFailures);
        Assert.Contains("webhooks/gone: failed: network error", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_400_NoRetryAndTheServiceMessageShown()
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"message":"Invalid payload: spec.id is required","code":50006}""");
        });
        var log = new RecordingLog();

        var report = await SpecEventNotifier.NotifyAsync(TestData.Webhooks(TestData.Endpoint("strict", server.Url("/hook"))), Completed, TestData.Options(log));

        var result = report.Results.Single();
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Single(server.Requests);
        Assert.Equal("HTTP 400 Bad Request: Invalid payload: spec.id is required", result.Reason);
        Assert.Contains("Invalid payload: spec.id is required", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_SlowEndpoints_SentInParallel()
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) => Task.Delay(250, context.RequestAborted));
        var endpoints = Enumerable.Range(1, 5).Select(n => TestData.Endpoint($"e{n}", server.Url($"/hook/{n}"))).ToArray();

        var started = Stopwatch.GetTimestamp();
        var report = await SpecEventNotifier.NotifyAsync(TestData.Webhooks(endpoints), Completed, TestData.Options(new RecordingLog()));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.All(report.Results, result => Assert.Equal(DeliveryStatus.Sent, result.Status));
        Assert.Equal(5, server.Requests.Count);
        Assert.True(elapsed < TimeSpan.FromMilliseconds(750), $"5 × 250 ms took {elapsed.TotalMilliseconds} ms: not parallel");
    }

    [Fact]
    public async Task NotifyAsync_RateLimitReached_NextSendReportedRateLimited()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Webhooks(TestData.Endpoint("internal", server.Url("/hook"))) with { };
        config = config with { Notifications = config.Notifications with { RateLimit = new RateLimitOptions { MaxPerHour = 2, MaxPerDay = 10 } } };
        var log = new RecordingLog();

        var results = new List<DeliveryResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add((await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(log))).Results.Single());
        }

        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Sent, DeliveryStatus.RateLimited], results.Select(result => result.Status));
        Assert.Equal("rate limit: 2 sends in the last hour (max_per_hour: 2)", results[2].Reason);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("webhooks/internal: not sent, rate limit", log.Text, StringComparison.Ordinal);
        Assert.True(File.Exists(config.Notifications.StateFile));
    }

    [Fact]
    public async Task NotifyAsync_SlackDownThenUpWithMaxPerHour1_TheRerunDelivers()
    {
        await using var server = await LoopbackServer.StartAsync((index, _, context) =>
        {
            context.Response.StatusCode = index < 4 ? 503 : 200;
            return Task.CompletedTask;
        });
        var config = SlackConfig(new RateLimitOptions { MaxPerHour = 1 });
        var options = TestData.Options(new RecordingLog(), SlackEnvironment(server));

        var down = (await SpecEventNotifier.NotifyAsync(config, Completed, options)).Results.Single();
        var up = (await SpecEventNotifier.NotifyAsync(config, Completed, options)).Results.Single();

        Assert.Equal((DeliveryStatus.Failed, 4), (down.Status, down.Attempts));
        Assert.True(up.Status == DeliveryStatus.Sent, $"{up.Status}: {up.Reason}");
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task NotifyAsync_RunStoppedMidSend_TheRerunDelivers()
    {
        var arrived = 0;
        await using var server = await LoopbackServer.StartAsync(async (index, _, context) =>
        {
            Interlocked.Increment(ref arrived);
            if (index == 0)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
        });
        var config = SlackConfig(new RateLimitOptions { MaxPerHour = 1 });
        var options = TestData.Options(new RecordingLog(), SlackEnvironment(server));
        using var stop = new CancellationTokenSource();

        var stopped = SpecEventNotifier.NotifyAsync(config, Completed, options, stop.Token);
        await WaitUntilAsync(() => Volatile.Read(ref arrived) == 1);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
        var rerun = (await SpecEventNotifier.NotifyAsync(config, Completed, options)).Results.Single();

        Assert.True(rerun.Status == DeliveryStatus.Sent, $"{rerun.Status}: {rerun.Reason}");
    }

    [Fact]
    public async Task NotifyAsync_StateFileDatedIn2099_IgnoredAndSent()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = SlackConfig(new RateLimitOptions { MaxPerHour = 1, MaxPerDay = 1 });
        Directory.CreateDirectory(Path.GetDirectoryName(config.Notifications.StateFile)!);
        await File.WriteAllTextAsync(config.Notifications.StateFile, """{"version":1,"sends":{"slack":["2099-01-01T00:00:00.0000000Z","2099-06-01T00:00:00.0000000Z"]}}""");

        var result = (await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(new RecordingLog(), SlackEnvironment(server)))).Results.Single();

        Assert.True(result.Status == DeliveryStatus.Sent, $"{result.Status}: {result.Reason}");
        Assert.DoesNotContain("2099", await File.ReadAllTextAsync(config.Notifications.StateFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_CorruptStateFile_WarnsNamingTheFileAndSends()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = SlackConfig(new RateLimitOptions { MaxPerHour = 1 });
        Directory.CreateDirectory(Path.GetDirectoryName(config.Notifications.StateFile)!);
        await File.WriteAllTextAsync(config.Notifications.StateFile, "{ \"version\": 1, \"sends\": { \"slack\": [ \"2025-01");
        var log = new RecordingLog();

        var result = (await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(log, SlackEnvironment(server)))).Results.Single();

        Assert.True(result.Status == DeliveryStatus.Sent, $"{result.Status}: {result.Reason}");
        var warning = Assert.Single(log.Lines, line => line.Level == DeliveryLogLevel.Warning && line.Message.Contains(config.Notifications.StateFile, StringComparison.Ordinal));
        Assert.Contains("is not valid JSON", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NoIntegrationWantsTheEvent_SaysSoInsteadOfAnEmptyTable()
    {
        var report = new DeliveryReport(Completed, [], dryRun: false);

        Assert.Equal(
            "SpecCake notifications: implementation_completed for FEAT-0001\nNo enabled integration subscribes to implementation_completed, so nothing was sent.",
            report.ToTable());
        Assert.Equal(
            "### SpecCake notifications: implementation_completed for FEAT-0001\n\nNo enabled integration subscribes to implementation_completed, so nothing was sent.\n",
            report.ToMarkdown());
    }

    [Fact]
    public async Task NotifyAsync_RerunOfAFailedCiJob_SendsOnlyWhatDidNotSucceed()
    {
        var flakyCalls = 0;
        await using var server = await LoopbackServer.StartAsync((_, request, context) =>
        {
            // The flaky endpoint is down for the whole first attempt of the job (4 tries), then up.
            var down = request.Path == "/flaky" && Interlocked.Increment(ref flakyCalls) <= 4;
            context.Response.StatusCode = down ? 503 : 200;
            return Task.CompletedTask;
        });
        var config = RerunConfig(server);
        var log = new RecordingLog();

        var first = await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(log, CiEnvironment(server, attempt: 1)));
        var second = await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(log, CiEnvironment(server, attempt: 2)));

        Assert.Equal(["sent", "sent", "failed"], first.Results.Select(result => DeliveryReport.Describe(result.Status)));
        Assert.Equal(["already delivered", "already delivered", "sent"], second.Results.Select(result => DeliveryReport.Describe(result.Status)));
        Assert.Equal(1, server.Requests.Count(request => request.Path == "/slack"));
        Assert.Equal(1, server.Requests.Count(request => request.Path == "/ok"));
        Assert.Equal(5, server.Requests.Count(request => request.Path == "/flaky"));
        Assert.Matches(@"slack\s+already delivered\s+0\s+0\.00s\s+in an earlier attempt of this CI run", second.ToTable());
    }

    [Fact]
    public async Task NotifyAsync_RerunOfAFailedCiJob_TheWebhookKeepsItsDeliveryId()
    {
        await using var server = await LoopbackServer.StartAsync((index, _, context) =>
        {
            context.Response.StatusCode = index < 4 ? 503 : 200;
            return Task.CompletedTask;
        });
        var config = TestData.Webhooks(TestData.Endpoint("ci", server.Url("/ci")));

        await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(new RecordingLog(), CiEnvironment(server, attempt: 1)));
        await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(new RecordingLog(), CiEnvironment(server, attempt: 2)));

        Assert.Equal(5, server.Requests.Count);
        Assert.Single(server.Requests.Select(request => request.Header("X-SpecCake-Delivery")).Distinct());
    }

    [Fact]
    public async Task NotifyAsync_RerunOutsideCi_SendsEverythingAgain()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = RerunConfig(server);
        var environment = CiEnvironment(server, attempt: 1);
        environment.Remove("GITHUB_ACTIONS");
        environment.Remove("GITHUB_RUN_ID");

        await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(new RecordingLog(), environment));
        var second = await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(new RecordingLog(), environment));

        Assert.All(second.Results, result => Assert.Equal(DeliveryStatus.Sent, result.Status));
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task NotifyAsync_DryRunOfARerun_SaysAlreadyDeliveredAndWritesNothing()
    {
        await using var server = await LoopbackServer.StartAsync((_, request, context) =>
        {
            context.Response.StatusCode = request.Path == "/flaky" ? 400 : 200;
            return Task.CompletedTask;
        });
        var config = RerunConfig(server);
        await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(new RecordingLog(), CiEnvironment(server, attempt: 1)));
        var stateDirectory = Path.GetDirectoryName(config.Notifications.StateFile)!;
        var before = Directory.GetFiles(stateDirectory).ToDictionary(file => file, File.ReadAllText);
        var log = new RecordingLog();

        var dryRun = await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(log, CiEnvironment(server, attempt: 2), dryRun: true));

        Assert.Equal(["already delivered", "already delivered", "dry-run (not sent)"], dryRun.Results.Select(result => DeliveryReport.Describe(result.Status)));
        Assert.Equal(before, Directory.GetFiles(stateDirectory).ToDictionary(file => file, File.ReadAllText));
        Assert.Contains("[dry run] webhooks/flaky would send:", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[dry run] slack would send:", log.Text, StringComparison.Ordinal);
    }

    private static SpecCakeConfig RerunConfig(LoopbackServer server) => TestData.Config(new IntegrationsOptions
    {
        Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationCompleted] },
        Webhooks = new WebhooksOptions { Enabled = true, Endpoints = [TestData.Endpoint("ok", server.Url("/ok")), TestData.Endpoint("flaky", server.Url("/flaky"))] },
    });

    private static Dictionary<string, string?> CiEnvironment(LoopbackServer server, int attempt) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_RUN_ID"] = "4242",
        ["GITHUB_RUN_ATTEMPT"] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GITHUB_JOB"] = "notify",
        ["GITHUB_ACTION"] = "__run_2",
        ["SLACK_WEBHOOK_URL"] = server.Url("/slack"),
    };

    private static SpecCakeConfig SlackConfig(RateLimitOptions? limits = null) => TestData.Config(
        new IntegrationsOptions { Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationCompleted] } },
        limits);

    private static Dictionary<string, string?> SlackEnvironment(LoopbackServer server) =>
        new() { ["SLACK_WEBHOOK_URL"] = server.Url("/services/T1/B1/slack-rate-token") };

    [Fact]
    public async Task NotifyAsync_TwoEnginesShareTheStateFile_NeverExceedTheLimitTogether()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Webhooks(TestData.Endpoint("internal", server.Url("/hook")));
        config = config with { Notifications = config.Notifications with { RateLimit = new RateLimitOptions { MaxPerHour = 5 } } };

        // Two independent runs, each on its own thread and file handle, racing 8 sends each.
        async Task<List<DeliveryStatus>> Run() =>
            [.. await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
                (await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(new RecordingLog()))).Results.Single().Status))];

        var runs = await Task.WhenAll(Task.Run(Run), Task.Run(Run));

        var statuses = runs.SelectMany(run => run).ToList();
        Assert.Equal(5, statuses.Count(status => status == DeliveryStatus.Sent));
        Assert.Equal(11, statuses.Count(status => status == DeliveryStatus.RateLimited));
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task NotifyAsync_DryRun_SendsNothingAndPrintsEveryRequestMasked()
    {
        await using var server = await LoopbackServer.StartAsync();
        var slackUrl = server.Url("/services/T000/B000/slack-dry-run-url-secret");
        var config = TestData.Config(
            new IntegrationsOptions
            {
                Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationCompleted] },
                Webhooks = new WebhooksOptions
                {
                    Enabled = true,
                    Endpoints = [TestData.Endpoint("internal", server.Url("/hook"), headers: new Dictionary<string, string> { ["Authorization"] = "Bearer dry-run-token-secret" })],
                },
            },
            new RateLimitOptions { MaxPerHour = 1 });
        var log = new RecordingLog();

        var report = await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(log, new Dictionary<string, string?> { ["SLACK_WEBHOOK_URL"] = slackUrl }, dryRun: true));

        Assert.Empty(server.Requests);
        Assert.False(File.Exists(config.Notifications.StateFile));
        Assert.Equal([DeliveryStatus.DryRun, DeliveryStatus.DryRun], report.Results.Select(result => result.Status));
        // The body indented for people; the Slack URL is a secret, the webhook's is written in the config.
        Assert.Contains("[dry run] slack would send:\nPOST ***\nContent-Type: application/json\n\n{\n  \"text\": \"✅ Spec Implementation Completed: FEAT-0001 User Authentication\"", log.Text, StringComparison.Ordinal);
        Assert.Contains($"[dry run] webhooks/internal would send:\nPOST {server.Url("/hook")}\nContent-Type: application/json\nX-SpecCake-Event: implementation_completed\nX-SpecCake-Delivery: ", log.Text, StringComparison.Ordinal);
        Assert.Contains("Authorization: ***\n\n{\n  \"event\": \"implementation_completed\"", log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_IntegrationNotSubscribed_SkippedWithReason()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Config(new IntegrationsOptions
        {
            Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationFailed] },
        });

        var report = await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(new RecordingLog(), new Dictionary<string, string?> { ["SLACK_WEBHOOK_URL"] = server.Url("/slack") }));

        var result = report.Results.Single();
        Assert.Equal(("slack", DeliveryStatus.Skipped, "not subscribed to implementation_completed"), (result.Target, result.Status, result.Reason));
        Assert.Empty(server.Requests);
        Assert.False(report.HasFailures);
    }

    [Fact]
    public async Task NotifyAsync_MissingSecret_ThatIntegrationFailsAndTheOthersAreSent()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Config(new IntegrationsOptions
        {
            Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationCompleted] },
            Webhooks = new WebhooksOptions { Enabled = true, Endpoints = [TestData.Endpoint("internal", server.Url("/hook"))] },
        });

        var report = await SpecEventNotifier.NotifyAsync(config, Completed, TestData.Options(new RecordingLog()));

        Assert.Equal(DeliveryStatus.Failed, report.Results[0].Status);
        Assert.StartsWith("integrations.slack is enabled but the secret SLACK_WEBHOOK_URL is not set", report.Results[0].Reason, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Sent, report.Results[1].Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task NotifyAsync_InGitHubActions_AppendsTheMarkdownSummary()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var folder = new TempFolder("summary");
        var summary = folder.Combine("summary.md");
        await File.WriteAllTextAsync(summary, "earlier step\n");
        var environment = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };

        await SpecEventNotifier.NotifyAsync(TestData.Webhooks(TestData.Endpoint("internal", server.Url("/hook"))), Completed, TestData.Options(new RecordingLog(), environment));

        var markdown = await File.ReadAllTextAsync(summary);
        Assert.StartsWith("earlier step\n### SpecCake notifications: implementation_completed for FEAT-0001\n\n| Integration | Result | Attempts | Time | Reason |\n|---|---|---|---|---|\n| webhooks/internal | sent | 1 | ", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_Summary_PrintedAsATable()
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync("no_team");
        });
        var log = new RecordingLog();

        await SpecEventNotifier.NotifyAsync(TestData.Webhooks(TestData.Endpoint("internal", server.Url("/hook"))), Completed, TestData.Options(log));

        var table = log.Lines[^1];
        Assert.Equal(DeliveryLogLevel.Warning, table.Level);
        var lines = table.Message.Split('\n');
        Assert.Equal("SpecCake notifications: implementation_completed for FEAT-0001", lines[0]);
        Assert.Equal("Integration        Result  Attempts  Time   Reason", lines[1]);
        Assert.Matches(@"^webhooks/internal  failed  1         \d\.\d\ds  HTTP 404 Not Found: no_team$", lines[3]);
    }

    [Fact]
    public async Task NotifyAsync_ValidationFailed_SubscribersReceiveTheErrorsFilesAndRepository()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Config(new IntegrationsOptions
        {
            Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ValidationFailed] },
            Webhooks = new WebhooksOptions
            {
                Enabled = true,
                Endpoints =
                [
                    TestData.Endpoint("ci", server.Url("/ci")) with { Events = [SpecEventKind.ValidationFailed] },
                    TestData.Endpoint("analytics", server.Url("/analytics")) with { Events = [SpecEventKind.ImplementationCompleted] },
                ],
            },
        });
        var specEvent = SpecEvent.ValidationFailed(
            [new ValidationError("specs/features/FEAT-0001.yaml", 3, 9, "status 'done' is not one of draft, review, approved, implemented")],
            new RepositoryReference("org", "repo"),
            TestData.Now);

        var report = await SpecEventNotifier.NotifyAsync(config, specEvent, TestData.Options(new RecordingLog(), new Dictionary<string, string?> { ["SLACK_WEBHOOK_URL"] = server.Url("/slack") }));

        Assert.Equal(["slack", "webhooks/ci"], report.Results.Select(result => result.Target));
        Assert.All(report.Results, result => Assert.Equal(DeliveryStatus.Sent, result.Status));
        var webhook = server.Requests.Single(request => request.PathAndQuery == "/ci");
        Assert.Equal("validation_failed", webhook.Header("X-SpecCake-Event"));
        Assert.Equal("specs/features/FEAT-0001.yaml", webhook.Json["errors"]![0]!["file"]!.GetValue<string>());
        Assert.Equal("specs/features/FEAT-0001.yaml", webhook.Json["files"]![0]!.GetValue<string>());
        Assert.Equal("repo", webhook.Json["repository"]!["name"]!.GetValue<string>());
        var slack = server.Requests.Single(request => request.PathAndQuery == "/slack");
        Assert.Contains(
            "• *Errors:* specs/features/FEAT-0001.yaml:3:9: status 'done' is not one of draft, review, approved, implemented",
            slack.Json["blocks"]![1]!["text"]!["text"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }
}
