using Microsoft.AspNetCore.Http;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Tests.Delivery;
using SpecCake.Tests.Integrations.Sentry;

namespace SpecCake.Tests.Integrations;

/// <summary>What the engine does for all five: retries on 429/5xx, failure reports, dry-run, masking.</summary>
public sealed class IncidentDeliveryTests
{
    public static TheoryData<string, int> ServicesAndStatuses()
    {
        var data = new TheoryData<string, int>();
        foreach (var service in new[] { "pagerduty", "opsgenie", "datadog", "new_relic", "sentry" })
        {
            data.Add(service, 429);
            data.Add(service, 503);
        }

        return data;
    }

    /// <summary>Only <paramref name="service"/> enabled, pointed at <paramref name="server"/>.</summary>
    private static (SpecCakeConfig Config, Dictionary<string, string?> Secrets) Only(string service, LoopbackServer server)
    {
        var url = server.BaseUrl.ToString();
        var integrations = service switch
        {
            "pagerduty" => new IntegrationsOptions { PagerDuty = IncidentTestData.PagerDuty(url) },
            "opsgenie" => new IntegrationsOptions { Opsgenie = IncidentTestData.Opsgenie(url) },
            "datadog" => new IntegrationsOptions { Datadog = IncidentTestData.Datadog(url) with { SendEvents = false } },
            "new_relic" => new IntegrationsOptions { NewRelic = IncidentTestData.NewRelic(url) },
            "sentry" => new IntegrationsOptions { Sentry = IncidentTestData.Sentry() },
            _ => throw new ArgumentOutOfRangeException(nameof(service)),
        };
        return (IncidentTestData.Config(integrations), IncidentTestData.Secrets(server));
    }

    private static SpecCakeConfig AllFive(LoopbackServer server)
    {
        var url = server.BaseUrl.ToString();
        return IncidentTestData.Config(new IntegrationsOptions
        {
            PagerDuty = IncidentTestData.PagerDuty(url),
            Opsgenie = IncidentTestData.Opsgenie(url),
            Datadog = IncidentTestData.Datadog(url),
            NewRelic = IncidentTestData.NewRelic(url),
            Sentry = IncidentTestData.Sentry(),
        });
    }

    [Theory]
    [MemberData(nameof(ServicesAndStatuses))]
    public async Task NotifyAsync_TransientStatusThenSuccess_RetriedAndSent(string service, int status)
    {
        await using var server = await LoopbackServer.StartAsync((index, _, context) =>
        {
            context.Response.StatusCode = index == 0 ? status : 202;
            return context.Response.WriteAsync(index == 0 ? """{"message":"slow down"}""" : "{}");
        });
        var (config, secrets) = Only(service, server);
        var log = new RecordingLog();

        var report = await SpecEventNotifier.NotifyAsync(config, IncidentTestData.Failed, TestData.Options(log, secrets, retry: IncidentTestData.Retry));

        var result = Assert.Single(report.Results);
        Assert.Equal((DeliveryStatus.Sent, 2), (result.Status, result.Attempts));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].PathAndQuery, server.Requests[1].PathAndQuery);
        Assert.Contains("retrying in", log.Text, StringComparison.Ordinal);
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Theory]
    [InlineData("pagerduty")]
    [InlineData("opsgenie")]
    [InlineData("datadog")]
    [InlineData("new_relic")]
    [InlineData("sentry")]
    public async Task NotifyAsync_AlwaysFailing500_ReportedFailedAfterEveryRetry(string service)
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"message":"internal failure"}""");
        });
        var (config, secrets) = Only(service, server);
        var log = new RecordingLog();
        var retry = IncidentTestData.Retry with { MaxRetries = 2 };

        var report = await SpecEventNotifier.NotifyAsync(config, IncidentTestData.Failed, TestData.Options(log, secrets, retry: retry));

        var result = Assert.Single(report.Results);
        Assert.Equal((DeliveryStatus.Failed, 3), (result.Status, result.Attempts));
        Assert.Equal("HTTP 500 Internal Server Error: internal failure (after 3 attempts)", result.Reason);
        Assert.Equal(3, server.Requests.Count);
        Assert.True(report.HasFailures);
        Assert.Contains($"{result.Target}: failed: HTTP 500", log.Text, StringComparison.Ordinal);
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Fact]
    public async Task NotifyAsync_DryRunWithAllFive_EachPrintedWithSecretsMasked()
    {
        await using var server = await IncidentTestData.ServiceAsync();
        var config = AllFive(server);
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(config, IncidentTestData.Failed, log, IncidentTestData.Secrets(server), dryRun: true);

        Assert.Equal(
            ["pagerduty", "opsgenie", "datadog/metrics", "datadog/events", "new_relic", "sentry"],
            report.Results.Select(result => result.Target));
        Assert.All(report.Results, result => Assert.Equal(DeliveryStatus.DryRun, result.Status));
        Assert.Empty(server.Requests);
        foreach (var target in report.Results.Select(result => result.Target))
        {
            Assert.Contains($"[dry run] {target} would send:", log.Text, StringComparison.Ordinal);
        }

        Assert.Contains("\"routing_key\": \"***\"", log.Text, StringComparison.Ordinal);
        Assert.Contains("Authorization: ***", log.Text, StringComparison.Ordinal);
        Assert.Contains("DD-API-KEY: ***", log.Text, StringComparison.Ordinal);
        Assert.Contains("DD-APPLICATION-KEY: ***", log.Text, StringComparison.Ordinal);
        Assert.Contains("Api-Key: ***", log.Text, StringComparison.Ordinal);
        Assert.Contains("DSN: ***", log.Text, StringComparison.Ordinal);
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Fact]
    public async Task NotifyAsync_TestMessage_EveryServiceMarksItAsATest()
    {
        await using var server = await IncidentTestData.ServiceAsync();
        var config = AllFive(server);
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(config, SpecEvent.Test(new RepositoryReference("org", "repo"), TestData.Now), log, IncidentTestData.Secrets(server));

        Assert.All(report.Results, result => Assert.Equal(DeliveryStatus.Sent, result.Status));
        var pagerDuty = server.Requests.Single(request => request.PathAndQuery == "/v2/enqueue").Json;
        Assert.Equal(("trigger", "info"), ((string?)pagerDuty["event_action"], (string?)pagerDuty["payload"]!["severity"]));
        Assert.StartsWith("[TEST]", (string?)pagerDuty["payload"]!["summary"], StringComparison.Ordinal);
        Assert.StartsWith("[TEST]", (string?)server.Requests.Single(request => request.PathAndQuery == "/v2/alerts").Json["message"], StringComparison.Ordinal);
        Assert.Equal("test", (string?)server.Requests.Single(request => request.PathAndQuery.StartsWith("/v1/accounts/", StringComparison.Ordinal)).Json[0]!["event"]);
        Assert.Contains("event:test", server.Requests.Single(request => request.PathAndQuery == "/api/v2/series").Json["series"]![0]!["tags"]!.AsArray().Select(tag => (string?)tag));
        Assert.Equal("info", (string?)SentryEnvelope.EventOf(server.Requests.Single(request => request.PathAndQuery == "/api/1/envelope/"))["level"]);
    }
}
