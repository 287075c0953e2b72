using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using SpecCake.Delivery;
using SpecCake.Http;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Delivery;

public sealed class DeliveryPipelineTests
{
    [Fact]
    public async Task SendAsync_SeveralDeliveriesOneContext_OnePipelineEachSendCountsAndLogsItsOwnAttempts()
    {
        var seen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var server = await LoopbackServer.StartAsync(async (_, _, context) =>
        {
            // Every destination refuses its first request (503), so every send retries once.
            var first = seen.AddOrUpdate(context.Request.Path.Value!, 1, (_, count) => count + 1) == 1;
            context.Response.StatusCode = first ? 503 : 200;
            await context.Response.WriteAsync(first ? "busy" : "ok");
        });
        var log = new RecordingLog();
        using var http = ServiceHttp.CreateClient(ResponseLimits.Notification, TestData.FastRetry.ConnectTimeout);
        var context = new DeliveryContext(http, log, TimeProvider.System);
        HttpDelivery Chat(string target) => new(target, HttpRequestDescription.PostJson(new Uri(server.Url("/" + target)), "{}"u8.ToArray()), TestData.FastRetry);

        var outcomes = await Task.WhenAll(new[] { Chat("slack"), Chat("teams"), Chat("discord") }.Select(delivery => delivery.SendAsync(context, CancellationToken.None)));

        Assert.All(outcomes, outcome => Assert.Equal((true, 2), (outcome.Delivered, outcome.Attempts)));
        Assert.Equal(1, context.PipelinesBuilt);
        foreach (var target in (string[])["slack", "teams", "discord"])
        {
            var retry = Assert.Single(log.Lines, line => line.Message.StartsWith(target + ":", StringComparison.Ordinal));
            Assert.Matches($"^{target}: HTTP 503; retrying in [0-9.]+s \\(attempt 2 of 4\\)\\.$", retry.Message);
        }

        // A delivery the service can deduplicate retries more, so it needs a pipeline of its own; a second one shares it.
        var deduplicated = new HttpDelivery("pagerduty", HttpRequestDescription.PostJson(new Uri(server.Url("/pagerduty")), "{}"u8.ToArray()), TestData.FastRetry, deduplicationKey: "dedup_key");
        var again = new HttpDelivery("opsgenie", HttpRequestDescription.PostJson(new Uri(server.Url("/opsgenie")), "{}"u8.ToArray()), TestData.FastRetry, deduplicationKey: "alias");
        Assert.Equal(2, (await deduplicated.SendAsync(context, CancellationToken.None)).Attempts);
        Assert.Equal(2, (await again.SendAsync(context, CancellationToken.None)).Attempts);
        Assert.Equal(2, context.PipelinesBuilt);
    }
}
