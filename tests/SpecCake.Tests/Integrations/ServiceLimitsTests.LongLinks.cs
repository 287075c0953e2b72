using System.Text.Json.Nodes;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Tests.Delivery;
using SpecCake.Tests.Integrations.Email;

namespace SpecCake.Tests.Integrations;

/// <summary>
/// Long links (a CI system's logs URL with a long query): every service's request stays within its
/// limits, and a link arrives whole or not at all, never cut (half an address leads nowhere). A link
/// that cannot fit is left out and the message says so.
/// </summary>
public sealed partial class ServiceLimitsTests
{
    /// <summary>The link services: each with the issue's 1,500-character logs link, and with every link 5,000 characters long.</summary>
    public static TheoryData<string, int, bool> LinkServices()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var service in new[] { "slack", "teams-adaptive-card", "teams-message-card", "discord", "webhooks", "pagerduty", "opsgenie", "opsgenie-close", "datadog", "sentry" })
        {
            data.Add(service, 1500, false);
            data.Add(service, 5000, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LinkServices))]
    public async Task NotifyAsync_LongLinks_WithinTheServicesLimitsAndEveryLinkWholeOrLeftOutSayingSo(string service, int length, bool allLinks)
    {
        await using var server = await AcceptingAsync(service);
        var (integrations, secrets, rules) = Notifier(service, server);
        var kind = service == "opsgenie-close" ? SpecEventKind.ImplementationCompleted : SpecEventKind.ImplementationFailed;
        var specEvent = AwkwardInput.LongLinks(kind, length, allLinks);

        var report = await SpecEventNotifier.NotifyAsync(TestData.Config(integrations), specEvent, TestData.Options(new RecordingLog(), secrets, retry: IncidentTestData.Retry));

        Assert.All(report.Results, result => Assert.True(result.Status == DeliveryStatus.Sent, $"{result.Target}: {result.Status} {result.Reason}"));
        var violations = new List<string>();
        var texts = new List<string>();
        foreach (var request in server.Requests)
        {
            var received = service == "sentry" ? Sentry(request) : Read(request.BodyBytes, violations);
            violations.AddRange(rules.SelectMany(rule => rule.Violations(received)));
            texts.AddRange(StringsIn(received.Json));
        }

        Assert.True(violations.Count == 0, $"{service}:\n" + string.Join("\n", violations));
        var links = new[] { specEvent.LogsUrl!, specEvent.PullRequest!.Url!, specEvent.SpecUrl }.OfType<string>().Where(link => link.Length >= length).ToArray();
        foreach (var link in links)
        {
            // The start of a link without its end is a cut link.
            Assert.All(texts.Where(text => text.Contains(link[..60], StringComparison.Ordinal)), text => Assert.Contains(link, text, StringComparison.Ordinal));
        }

        var arrived = links.Where(link => texts.Any(text => text.Contains(link, StringComparison.Ordinal))).ToArray();
        if (!allLinks && service != "opsgenie-close")
        {
            // The issue's case: a 1,500-character logs link fits every service, so it arrives.
            Assert.Contains(specEvent.LogsUrl, arrived);
        }

        if (arrived.Length < links.Length && service is "slack" or "discord" or "teams-adaptive-card" or "teams-message-card" or "datadog")
        {
            // A chat message says which link is missing and why.
            Assert.Contains(texts, text => text.Contains("link left out: 5,000 characters", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(5000)]
    public async Task NotifyAsync_LongLinksByEmail_EveryLinkWholeAndNoLineOverTheLimit(int length)
    {
        await using var server = await LoopbackSmtpServer.StartAsync(startTls: true, requiredLogin: null);
        var (config, options) = EmailNotifierTests.ToLoopback(server);
        var specEvent = AwkwardInput.LongLinks(SpecEventKind.ImplementationFailed, length, allLinks: true);

        var report = await SpecEventNotifier.NotifyAsync(config, specEvent, options);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(report.Results).Status);
        var mail = Assert.Single(server.Messages).Message;
        using var raw = new MemoryStream();
        mail.WriteTo(raw);
        // RFC 5322 §2.1.1: no line over 998 characters; the links are encoded, not cut.
        Assert.All(System.Text.Encoding.UTF8.GetString(raw.ToArray()).ReplaceLineEndings("\n").Split('\n'), line => Assert.True(line.Length <= 998, $"a line of {line.Length} characters"));
        foreach (var link in new[] { specEvent.LogsUrl!, specEvent.PullRequest!.Url!, specEvent.SpecUrl! })
        {
            Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(link, mail.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NotifyAsync_DiscordWithTheIssuesLogsLink_TheLinkGoesInTheDescriptionAndEveryFieldFits()
    {
        await using var server = await AcceptingAsync("discord");
        var (integrations, secrets, _) = Notifier("discord", server);
        var specEvent = AwkwardInput.LongLinks(SpecEventKind.ImplementationFailed, 1500, allLinks: false);

        var report = await SpecEventNotifier.NotifyAsync(TestData.Config(integrations), specEvent, TestData.Options(new RecordingLog(), secrets));

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(report.Results).Status);
        var embed = JsonNode.Parse(Assert.Single(server.Requests).Body)!["embeds"]![0]!;
        Assert.Equal($"**Logs:** [View Details]({specEvent.LogsUrl})", (string?)embed["description"]);
        Assert.All(embed["fields"]!.AsArray(), field => Assert.True(((string)field!["value"]!).Length <= 1024));
        Assert.DoesNotContain(embed["fields"]!.AsArray(), field => (string?)field!["name"] == "Logs");
    }

    /// <summary>Every string of a JSON document, keys included.</summary>
    private static IEnumerable<string> StringsIn(JsonNode? node) => node switch
    {
        JsonObject json => json.SelectMany(pair => StringsIn(pair.Value).Prepend(pair.Key)),
        JsonArray array => array.SelectMany(StringsIn),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
