using Cake.Core;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Webhooks;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Aliases;

public sealed class NotificationTaskRunnerTests
{
    [Fact]
    public void Notify_UnknownEvent_CakeExceptionListingValidEvents()
    {
        var runner = Runner(TestData.Webhooks(), new RecordingLog());

        var error = Assert.Throws<CakeException>(() => runner.Notify(new NotifySpecEventSettings { Event = "deployed", Spec = "FEAT-0001" }));

        Assert.Equal("--event 'deployed' is not an event; valid events: spec_created, spec_approved, implementation_started, implementation_completed, implementation_failed, pr_created, pr_merged, validation_failed.", error.Message);
    }

    [Fact]
    public async Task Notify_FailedDeliveryWithFailOnErrorFalse_WarnsAndReturns()
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 410;
            return Task.CompletedTask;
        });
        var config = TestData.Webhooks(TestData.Endpoint("gone", server.Url("/hook")));
        config = config with { Notifications = config.Notifications with { FailOnError = false } };
        var log = new RecordingLog();

        var report = Runner(config, log).Notify(new NotifySpecEventSettings { Event = "implementation_completed", Spec = "feat-0001", Pr = 42 });

        Assert.True(report.HasFailures);
        Assert.Equal(
            "NotifySpecEvent: 1 delivery failed (webhooks/gone: HTTP 410 Gone). notifications.fail_on_error is false: continuing.",
            log.Lines[^1].Message);
        Assert.Equal(DeliveryLogLevel.Warning, log.Lines[^1].Level);
    }

    [Fact]
    public async Task Notify_FailedDeliveryWithFailOnError_ThrowsAfterTryingEveryone()
    {
        await using var server = await LoopbackServer.StartAsync((_, request, context) =>
        {
            context.Response.StatusCode = request.PathAndQuery == "/bad" ? 400 : 200;
            return Task.CompletedTask;
        });
        var config = TestData.Webhooks(TestData.Endpoint("bad", server.Url("/bad")), TestData.Endpoint("good", server.Url("/good")));

        var error = Assert.Throws<CakeException>(() => Runner(config, new RecordingLog()).Notify(new NotifySpecEventSettings { Event = "pr_merged", Spec = "FEAT-0001" }));

        Assert.Equal("NotifySpecEvent: 1 delivery failed (webhooks/bad: HTTP 400 Bad Request).", error.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Test_OnlySlack_SendsMarkedTestMessageToSlackAlone()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Config(new IntegrationsOptions
        {
            Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationFailed] },
            Webhooks = new WebhooksOptions { Enabled = true, Endpoints = [TestData.Endpoint("internal", server.Url("/hook"))] },
        });
        var log = new RecordingLog();

        var report = Runner(config, log, new Dictionary<string, string?> { ["SLACK_WEBHOOK_URL"] = server.Url("/slack") })
            .Test(new TestIntegrationsSettings { Only = ["slack"] });

        Assert.Equal(("slack", DeliveryStatus.Sent), (report.Results.Single().Target, report.Results.Single().Status));
        var request = Assert.Single(server.Requests);
        Assert.Equal("/slack", request.PathAndQuery);
        Assert.StartsWith("🧪 [TEST] SpecCake test message", request.Json["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("SpecCake notifications: test message", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_EveryEnabledIntegration_WebhooksReceiveTestEvent()
    {
        await using var server = await LoopbackServer.StartAsync();
        var endpoint = TestData.Endpoint("internal", server.Url("/hook")) with { Events = [] };

        var report = Runner(TestData.Webhooks(endpoint), new RecordingLog()).Test(new TestIntegrationsSettings());

        Assert.Equal(DeliveryStatus.Sent, report.Results.Single().Status);
        Assert.Equal("test", server.Requests.Single().Header("X-SpecCake-Event"));
        Assert.True(server.Requests.Single().Json["test"]!.GetValue<bool>());
    }

    [Fact]
    public void Test_UnknownOnlyName_CakeExceptionListingNames()
    {
        var error = Assert.Throws<CakeException>(() => Runner(TestData.Webhooks(), new RecordingLog()).Test(new TestIntegrationsSettings { Only = ["slak"] }));

        // The list grows with every registered integration; these five are always in it.
        Assert.StartsWith("--only: unknown integration slak; valid names: slack, teams, discord, email, webhooks", error.Message, StringComparison.Ordinal);
    }

    private static NotificationTaskRunner Runner(SpecCakeConfig config, RecordingLog log, Dictionary<string, string?>? environment = null) =>
        new(
            new NotificationInputs((_, _, _) => new LoadedConfig(config, [], []), _ => [TestData.Spec]),
            new NotificationHost(Path.GetTempPath(), environment ?? [], log, DryRun: false, TimeProvider.System, TestData.FastRetry));
}
