using Microsoft.AspNetCore.Http;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Discord;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.Discord;

public sealed class DiscordNotifierTests
{
    public static TheoryData<SpecEventKind, int, string, string> Requests => new()
    {
        {
            SpecEventKind.ImplementationStarted, 0x5865F2, "https://github.com/org/repo/blob/spec/feat-0001/specs/features/FEAT-0001.yaml",
            """[{"name":"ID","value":"FEAT-0001","inline":true},{"name":"Title","value":"User Authentication","inline":false},{"name":"Repository","value":"org/repo","inline":false},{"name":"Branch","value":"spec/feat-0001","inline":true}]"""
        },
        {
            SpecEventKind.ImplementationCompleted, 0x2ECC71, "https://github.com/org/repo/pull/42",
            """[{"name":"ID","value":"FEAT-0001","inline":true},{"name":"Title","value":"User Authentication","inline":false},{"name":"Repository","value":"org/repo","inline":false},{"name":"Branch","value":"spec/feat-0001","inline":true},{"name":"PR","value":"[\\#42](https://github.com/org/repo/pull/42)","inline":true},{"name":"Review requested from","value":"@team","inline":false}]"""
        },
        {
            SpecEventKind.ImplementationFailed, 0xE74C3C, "https://github.com/org/repo/pull/42",
            """[{"name":"ID","value":"FEAT-0001","inline":true},{"name":"Title","value":"User Authentication","inline":false},{"name":"Repository","value":"org/repo","inline":false},{"name":"Branch","value":"spec/feat-0001","inline":true},{"name":"PR","value":"[\\#42](https://github.com/org/repo/pull/42)","inline":true},{"name":"Error","value":"Schema validation failed","inline":false},{"name":"Logs","value":"[View Details](https://github.com/org/repo/actions/runs/7)","inline":false}]"""
        },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task NotifyAsync_Event_DiscordReceivesEmbed(SpecEventKind kind, int colour, string url, string fields)
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        var title = SpecEventMessage.For(TestData.Event(kind)).Title;

        var report = await SpecEventNotifier.NotifyAsync(Config(kind), TestData.Event(kind), TestData.Options(new RecordingLog(), Secrets(server)));

        Assert.Equal(DeliveryStatus.Sent, report.Results.Single().Status);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/api/webhooks/123/XXXX"), (request.Method, request.PathAndQuery));
        Assert.Equal("application/json", request.Header("Content-Type"));
        JsonAssert.Equal(
            $$"""
            {"username":"Spec Bot","avatar_url":"https://example.com/bot-avatar.png","allowed_mentions":{"parse":[]},
             "embeds":[{"title":"{{title}}","url":"{{url}}","color":{{colour}},"fields":{{fields}},
               "footer":{"text":"SpecCake · {{kind.ToName()}}"},"timestamp":"2025-01-19T12:00:00Z"}]}
            """,
            request.Json);
    }

    [Fact]
    public async Task NotifyAsync_Discord429WithRetryAfterInBody_WaitsThatLongAndSucceeds()
    {
        await using var server = await LoopbackServer.StartAsync((index, _, context) =>
        {
            if (index == 0)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync("""{"message":"You are being rate limited.","retry_after":0.25,"global":false}""");
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        var kind = SpecEventKind.ImplementationFailed;

        var report = await SpecEventNotifier.NotifyAsync(Config(kind), TestData.Event(kind), TestData.Options(new RecordingLog(), Secrets(server)));

        Assert.Equal((DeliveryStatus.Sent, 2), (report.Results.Single().Status, report.Results.Single().Attempts));
        var waited = server.Requests[1].ReceivedAt - server.Requests[0].ReceivedAt;
        Assert.True(waited >= TimeSpan.FromMilliseconds(225), $"retried after {waited.TotalMilliseconds} ms instead of retry_after 0.25 s");
    }

    private static SpecCakeConfig Config(SpecEventKind kind) => TestData.Config(new IntegrationsOptions
    {
        Discord = new DiscordOptions { Enabled = true, NotifyOn = [kind], Username = "Spec Bot", AvatarUrl = "https://example.com/bot-avatar.png" },
    });

    private static Dictionary<string, string?> Secrets(LoopbackServer server) =>
        new() { ["DISCORD_WEBHOOK_URL"] = server.Url("/api/webhooks/123/XXXX") };
}
