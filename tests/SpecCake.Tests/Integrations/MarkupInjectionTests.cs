using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Discord;
using SpecCake.Integrations.Email;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Teams;
using SpecCake.Tests.Delivery;
using SpecCake.Tests.Integrations.Email;

namespace SpecCake.Tests.Integrations;

/// <summary>
/// A spec title and error that try to pass links off as SpecCake's own, in each channel's markup:
/// Markdown <c>[View Logs](…)</c>, Slack's <c>&lt;url|text&gt;</c>, HTML, and Discord mentions.
/// Every channel must show them as text.
/// </summary>
public sealed partial class MarkupInjectionTests
{
    private const string Hostile =
        "[View Logs](https://evil.example/x) <https://evil.example/y|View PR> <a href=\"https://evil.example/z\">View Spec</a> @everyone @here <@123456789012345678> <@&987654321>";

    public static TheoryData<string> Channels => ["slack", "teams-adaptive-card", "teams-message-card", "discord", "datadog"];

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task NotifyAsync_TitleAndErrorWithLinks_ShownAsTextNeverAsLinks(string channel)
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = channel == "discord" ? 204 : 202;
            return Task.CompletedTask;
        });
        var (integrations, secrets) = Channel(channel, server);
        var specEvent = TestData.Event(SpecEventKind.ImplementationFailed) with
        {
            Spec = TestData.Spec with { Title = Hostile },
            Error = "Build failed\n" + Hostile,
        };

        var report = await SpecEventNotifier.NotifyAsync(TestData.Config(integrations), specEvent, TestData.Options(new RecordingLog(), secrets));

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(report.Results).Status);
        var body = server.Requests.Last(request => request.Method == "POST").Json;
        // A Datadog event's title is plain text; only its text is Markdown (%%%).
        var texts = channel == "datadog" ? [(string)body["text"]!] : Strings(body).ToList();
        Assert.NotEmpty(texts);
        var problems = channel switch
        {
            "slack" => texts.Where(text => text.Contains("<https://evil", StringComparison.Ordinal) || text.Contains("<a href", StringComparison.Ordinal)),
            "teams-adaptive-card" => AdaptiveCardProblems(body),
            "discord" => texts.Where(text => MarkdownLink().IsMatch(text) || UnescapedMention().IsMatch(text) || text.Contains("@everyone", StringComparison.Ordinal) || text.Contains("@here", StringComparison.Ordinal)),
            _ => texts.Where(text => MarkdownLink().IsMatch(text) || UnescapedAutolink().IsMatch(text)),
        };

        Assert.Empty(problems);
        Assert.Contains(texts, text => text.Contains("evil.example", StringComparison.Ordinal));
        if (channel == "discord")
        {
            JsonAssert.Equal("""{"parse":[]}""", body["allowed_mentions"]!);
        }
    }

    [Fact]
    public async Task NotifyAsync_EmailTitleWithHtmlLink_EncodedNeverALink()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(startTls: true, requiredLogin: null);
        var (config, options) = EmailNotifierTests.ToLoopback(server);

        await SpecEventNotifier.NotifyAsync(config, TestData.Event(SpecEventKind.ImplementationFailed) with { Spec = TestData.Spec with { Title = Hostile } }, options);

        var html = Assert.Single(server.Messages).Message.HtmlBody!;
        Assert.DoesNotContain("href=\"https://evil", html, StringComparison.Ordinal);
        Assert.Contains("&lt;a href=&quot;https://evil.example/z&quot;&gt;", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Untrusted text may only be in a TextRun (never Markdown in Adaptive Cards); TextBlocks and
    /// FactSets are Markdown in Teams. No selectAction or button may point at the spec's links.
    /// </summary>
    private static IEnumerable<string> AdaptiveCardProblems(JsonNode body)
    {
        foreach (var node in Objects(body))
        {
            var type = (string?)node["type"];
            if (type == "TextBlock" && ((string?)node["text"])?.Contains("evil.example", StringComparison.Ordinal) == true)
            {
                yield return "a TextBlock (Markdown) holds the spec's text: " + node["text"];
            }

            if (type == "FactSet")
            {
                yield return "a FactSet (Markdown values) is used";
            }

            if (type == "Action.OpenUrl" && ((string?)node["url"])?.Contains("evil.example", StringComparison.Ordinal) == true)
            {
                yield return "an action opens the spec's link: " + node["url"];
            }
        }
    }

    private static (IntegrationsOptions Integrations, Dictionary<string, string?> Secrets) Channel(string channel, LoopbackServer server) => channel switch
    {
        "slack" => (new IntegrationsOptions { Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationFailed] } },
            new() { ["SLACK_WEBHOOK_URL"] = server.Url("/services/T/B/X") }),
        "teams-adaptive-card" or "teams-message-card" => (new IntegrationsOptions
        {
            Teams = new TeamsOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationFailed], UseAdaptiveCards = channel == "teams-adaptive-card" },
        }, new() { ["TEAMS_WEBHOOK_URL"] = server.Url("/workflows/abc") }),
        "discord" => (new IntegrationsOptions { Discord = new DiscordOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationFailed] } },
            new() { ["DISCORD_WEBHOOK_URL"] = server.Url("/api/webhooks/1/X") }),
        "datadog" => (new IntegrationsOptions { Datadog = IncidentTestData.Datadog(server.BaseUrl.ToString()) with { SendMetrics = false } }, IncidentTestData.Secrets()),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => Strings(pair.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => Objects(pair.Value)).Prepend(obj),
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };

    /// <summary>A Markdown link to the spec's target: <c>[text](https://evil…)</c>.</summary>
    [GeneratedRegex(@"\[[^\]]*\]\(https?://evil")]
    private static partial Regex MarkdownLink();

    /// <summary>A Markdown autolink to the spec's target, not escaped with a backslash.</summary>
    [GeneratedRegex(@"(?<!\\)<https?://evil")]
    private static partial Regex UnescapedAutolink();

    /// <summary>A Discord user or role mention not escaped with a backslash.</summary>
    [GeneratedRegex(@"(?<!\\)<@&?\d+>")]
    private static partial Regex UnescapedMention();
}
