using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Slack;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.Slack;

public sealed class SlackNotifierTests
{
    public static TheoryData<SpecEventKind, string> Requests => new()
    {
        {
            SpecEventKind.ImplementationStarted,
            """
            {"channel":"#engineering","text":"🚀 Spec Implementation Started: FEAT-0001 User Authentication","blocks":[
              {"type":"header","text":{"type":"plain_text","text":"🚀 Spec Implementation Started","emoji":true}},
              {"type":"section","text":{"type":"mrkdwn","text":"• *ID:* FEAT-0001\n• *Title:* User Authentication\n• *Repository:* org/repo\n• *Branch:* spec/feat-0001"}},
              {"type":"context","elements":[{"type":"mrkdwn","text":"SpecCake · `implementation_started` · 2025-01-19T12:00:00Z"}]}]}
            """
        },
        {
            SpecEventKind.ImplementationCompleted,
            """
            {"channel":"#engineering","text":"✅ Spec Implementation Completed: FEAT-0001 User Authentication","blocks":[
              {"type":"header","text":{"type":"plain_text","text":"✅ Spec Implementation Completed","emoji":true}},
              {"type":"section","text":{"type":"mrkdwn","text":"• *ID:* FEAT-0001\n• *Title:* User Authentication\n• *Repository:* org/repo\n• *Branch:* spec/feat-0001\n• *PR:* <https://github.com/org/repo/pull/42|#42>\n• *Review requested from:* @team"}},
              {"type":"context","elements":[{"type":"mrkdwn","text":"SpecCake · `implementation_completed` · 2025-01-19T12:00:00Z"}]}]}
            """
        },
        {
            SpecEventKind.ImplementationFailed,
            """
            {"channel":"#engineering","text":"<!channel> <!here> <@U024BE7LH> ❌ Spec Implementation Failed: FEAT-0001 User Authentication","blocks":[
              {"type":"header","text":{"type":"plain_text","text":"❌ Spec Implementation Failed","emoji":true}},
              {"type":"section","text":{"type":"mrkdwn","text":"<!channel> <!here> <@U024BE7LH>\n• *ID:* FEAT-0001\n• *Title:* User Authentication\n• *Repository:* org/repo\n• *Branch:* spec/feat-0001\n• *PR:* <https://github.com/org/repo/pull/42|#42>\n• *Error:* Schema validation failed\n• *Logs:* <https://github.com/org/repo/actions/runs/7|View Details>"}},
              {"type":"context","elements":[{"type":"mrkdwn","text":"SpecCake · `implementation_failed` · 2025-01-19T12:00:00Z"}]}]}
            """
        },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task NotifyAsync_Event_SlackReceivesTextAndBlocks(SpecEventKind kind, string expectedJson)
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Config(new IntegrationsOptions
        {
            Slack = new SlackOptions
            {
                Enabled = true,
                Channel = "#engineering",
                NotifyOn = [kind],
                MentionOnFailure = ["@channel", "@here", "U024BE7LH"],
            },
        });

        var report = await SpecEventNotifier.NotifyAsync(config, TestData.Event(kind), TestData.Options(new RecordingLog(), Secrets(server)));

        Assert.Equal(DeliveryStatus.Sent, report.Results.Single().Status);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/services/T000/B000/XXXX", request.PathAndQuery);
        Assert.Equal("application/json", request.Header("Content-Type"));
        JsonAssert.Equal(expectedJson, request.Json);
    }

    [Fact]
    public async Task NotifyAsync_SlackRejectsPayload_FailsAtOnceWithSlacksMessage()
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 400;
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "invalid_blocks");
        });
        var config = TestData.Config(new IntegrationsOptions { Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationFailed] } });

        var report = await SpecEventNotifier.NotifyAsync(config, TestData.Event(SpecEventKind.ImplementationFailed), TestData.Options(new RecordingLog(), Secrets(server)));

        var result = report.Results.Single();
        Assert.Equal((DeliveryStatus.Failed, 1, "HTTP 400 Bad Request: invalid_blocks"), (result.Status, result.Attempts, result.Reason));
    }

    [Fact]
    public async Task NotifyAsync_TestMessage_SentEvenWhenNotSubscribedAndMarkedTest()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Config(new IntegrationsOptions { Slack = new SlackOptions { Enabled = true, NotifyOn = [] } });

        await SpecEventNotifier.NotifyAsync(config, SpecEvent.Test(new RepositoryReference("org", "repo"), TestData.Now), TestData.Options(new RecordingLog(), Secrets(server)));

        var request = Assert.Single(server.Requests);
        Assert.Equal("🧪 [TEST] SpecCake test message", request.Json["text"]!.GetValue<string>());
    }

    private static Dictionary<string, string?> Secrets(LoopbackServer server) =>
        new() { ["SLACK_WEBHOOK_URL"] = server.Url("/services/T000/B000/XXXX") };
}
