using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Teams;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.Teams;

public sealed class TeamsNotifierTests
{
    private const string Actions = """
        [{"type":"Action.OpenUrl","title":"View PR","url":"https://github.com/org/repo/pull/42"},
         {"type":"Action.OpenUrl","title":"View Spec","url":"https://github.com/org/repo/blob/spec/feat-0001/specs/features/FEAT-0001.yaml"}]
        """;

    public static TheoryData<SpecEventKind, string> AdaptiveCards => new()
    {
        {
            SpecEventKind.ImplementationStarted,
            Card("accent", "🚀 Spec Implementation Started",
                """[{"title":"ID","value":"FEAT-0001"},{"title":"Title","value":"User Authentication"},{"title":"Repository","value":"org/repo"},{"title":"Branch","value":"spec/feat-0001"}]""",
                """[{"type":"Action.OpenUrl","title":"View Spec","url":"https://github.com/org/repo/blob/spec/feat-0001/specs/features/FEAT-0001.yaml"}]""")
        },
        {
            SpecEventKind.ImplementationCompleted,
            Card("good", "✅ Spec Implementation Completed",
                """[{"title":"ID","value":"FEAT-0001"},{"title":"Title","value":"User Authentication"},{"title":"Repository","value":"org/repo"},{"title":"Branch","value":"spec/feat-0001"},{"title":"PR","value":"[#42](https://github.com/org/repo/pull/42)"},{"title":"Review requested from","value":"@team"}]""",
                Actions)
        },
        {
            SpecEventKind.ImplementationFailed,
            Card("attention", "❌ Spec Implementation Failed",
                """[{"title":"ID","value":"FEAT-0001"},{"title":"Title","value":"User Authentication"},{"title":"Repository","value":"org/repo"},{"title":"Branch","value":"spec/feat-0001"},{"title":"PR","value":"[#42](https://github.com/org/repo/pull/42)"},{"title":"Error","value":"Schema validation failed"},{"title":"Logs","value":"[View Details](https://github.com/org/repo/actions/runs/7)"}]""",
                Actions[..^1] + """,{"type":"Action.OpenUrl","title":"View Logs","url":"https://github.com/org/repo/actions/runs/7"}]""")
        },
    };

    [Theory]
    [MemberData(nameof(AdaptiveCards))]
    public async Task NotifyAsync_AdaptiveCards_WorkflowsWebhookReceivesCardEnvelope(SpecEventKind kind, string expectedJson)
    {
        // Workflows webhooks answer 202 Accepted.
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        });

        var report = await SpecEventNotifier.NotifyAsync(Config(kind, adaptive: true), TestData.Event(kind), TestData.Options(new RecordingLog(), Secrets(server)));

        Assert.Equal(DeliveryStatus.Sent, report.Results.Single().Status);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/workflows/abc/triggers/manual/paths/invoke?sig=XXXX"), (request.Method, request.PathAndQuery));
        Assert.Equal("application/json", request.Header("Content-Type"));
        JsonAssert.Equal(expectedJson, request.Json);
    }

    [Fact]
    public async Task NotifyAsync_AdaptiveCardsOff_ConnectorReceivesMessageCard()
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) => context.Response.WriteAsync("1"));
        var kind = SpecEventKind.ImplementationFailed;

        var report = await SpecEventNotifier.NotifyAsync(Config(kind, adaptive: false), TestData.Event(kind), TestData.Options(new RecordingLog(), Secrets(server)));

        Assert.Equal(DeliveryStatus.Sent, report.Results.Single().Status);
        JsonAssert.Equal(
            """
            {"@type":"MessageCard","@context":"https://schema.org/extensions","summary":"❌ Spec Implementation Failed","themeColor":"D40E0D","title":"❌ Spec Implementation Failed",
             "sections":[{"facts":[{"name":"ID","value":"FEAT-0001"},{"name":"Title","value":"User Authentication"},{"name":"Repository","value":"org/repo"},{"name":"Branch","value":"spec/feat-0001"},{"name":"PR","value":"[\\#42](https://github.com/org/repo/pull/42)"},{"name":"Error","value":"Schema validation failed"},{"name":"Logs","value":"[View Details](https://github.com/org/repo/actions/runs/7)"}],"markdown":true}],
             "potentialAction":[
               {"@type":"OpenUri","name":"View PR","targets":[{"os":"default","uri":"https://github.com/org/repo/pull/42"}]},
               {"@type":"OpenUri","name":"View Spec","targets":[{"os":"default","uri":"https://github.com/org/repo/blob/spec/feat-0001/specs/features/FEAT-0001.yaml"}]},
               {"@type":"OpenUri","name":"View Logs","targets":[{"os":"default","uri":"https://github.com/org/repo/actions/runs/7"}]}]}
            """,
            server.Requests.Single().Json);
    }

    /// <summary>
    /// The expected card; <paramref name="facts"/> as label/value pairs, a value <c>[text](url)</c> being a
    /// linked fact. Each fact is a RichTextBlock of a bold label run and a plain value run (never Markdown).
    /// </summary>
    private static string Card(string style, string title, string facts, string actions)
    {
        var blocks = new JsonArray();
        foreach (var fact in JsonNode.Parse(facts)!.AsArray())
        {
            var value = (string)fact!["value"]!;
            var link = System.Text.RegularExpressions.Regex.Match(value, @"^\[(.*)\]\((.*)\)$");
            var run = new JsonObject { ["type"] = "TextRun", ["text"] = link.Success ? link.Groups[1].Value : value };
            if (link.Success)
            {
                run["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = link.Groups[2].Value };
            }

            blocks.Add(new JsonObject
            {
                ["type"] = "RichTextBlock",
                ["spacing"] = "None",
                ["inlines"] = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = (string)fact["title"]! + ": ", ["weight"] = "Bolder" }, run),
            });
        }

        var body = blocks.ToJsonString();
        return $$$"""
            {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":{
              "$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4","msteams":{"width":"Full"},
              "body":[
                {"type":"Container","style":"{{{style}}}","bleed":true,"items":[{"type":"TextBlock","text":"{{{title}}}","size":"Large","weight":"Bolder","wrap":true}]},
                {{{body[1..^1]}}}],
              "actions":{{{actions}}}}}]}
            """;
    }

    private static SpecCakeConfig Config(SpecEventKind kind, bool adaptive) =>
        TestData.Config(new IntegrationsOptions { Teams = new TeamsOptions { Enabled = true, NotifyOn = [kind], UseAdaptiveCards = adaptive } });

    private static Dictionary<string, string?> Secrets(LoopbackServer server) =>
        new() { ["TEAMS_WEBHOOK_URL"] = server.Url("/workflows/abc/triggers/manual/paths/invoke?sig=XXXX") };
}
