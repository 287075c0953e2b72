using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Webhooks;

namespace SpecCake.Tests.Delivery;

/// <summary>
/// A dry run prints JSON bodies indented for people; what a real run sends stays the compact bytes it
/// always was (they are what the HMAC signature covers).
/// </summary>
public sealed class DryRunBodyTests
{
    private const string Secret = "hmac-5ecret-for-dry-runs";

    // The exact bytes SpecCake sent for this event before dry runs were indented.
    private const string SentWebhookBody =
        "{\"event\":\"implementation_completed\",\"timestamp\":\"2025-01-19T12:00:00Z\",\"spec\":{\"id\":\"FEAT-0001\",\"title\":\"User Authentication\",\"file\":\"specs/features/FEAT-0001.yaml\",\"status\":\"implemented\"},\"pr\":{\"number\":42,\"url\":\"https://github.com/org/repo/pull/42\"},\"repository\":{\"owner\":\"org\",\"name\":\"repo\"},\"branch\":\"spec/feat-0001\",\"reviewers\":[\"@team\"]}";

    [Fact]
    public async Task NotifyAsync_DryRun_PrintsEachJsonBodyIndentedTwoSpacesALevel()
    {
        await using var server = await LoopbackServer.StartAsync();
        var log = new RecordingLog();

        await SpecEventNotifier.NotifyAsync(Config(server), TestData.Event(SpecEventKind.ImplementationCompleted), TestData.Options(log, Environment(server), dryRun: true));

        var webhook = PrintedBody(log, "webhooks/ci");
        Assert.StartsWith("{\n  \"event\": \"implementation_completed\",\n  \"timestamp\": \"2025-01-19T12:00:00Z\",\n  \"spec\": {\n    \"id\": \"FEAT-0001\",", webhook, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"text\": \"✅ Spec Implementation Completed: FEAT-0001 User Authentication\",\n  \"blocks\": [\n    {\n", PrintedBody(log, "slack"), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task NotifyAsync_RealSend_SendsTheCompactBytesOfBeforeSignedAsTheyAre()
    {
        await using var server = await LoopbackServer.StartAsync();
        var dryLog = new RecordingLog();
        await SpecEventNotifier.NotifyAsync(Config(server), TestData.Event(SpecEventKind.ImplementationCompleted), TestData.Options(dryLog, Environment(server), dryRun: true));

        await SpecEventNotifier.NotifyAsync(Config(server), TestData.Event(SpecEventKind.ImplementationCompleted), TestData.Options(new RecordingLog(), Environment(server)));

        var webhook = server.Requests.Single(request => request.Path == "/ci");
        var delivery = webhook.Header("X-SpecCake-Delivery");
        Assert.Equal(SentWebhookBody, webhook.Body);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), webhook.BodyBytes)), webhook.Header("X-Signature-256"));
        var slack = server.Requests.Single(request => request.Path == "/slack");
        Assert.DoesNotContain("\n", slack.Body, StringComparison.Ordinal);
        // What was printed is what was sent, only laid out for reading.
        Assert.True(JsonNode.DeepEquals(webhook.Json, JsonNode.Parse(PrintedBody(dryLog, "webhooks/ci"))));
        Assert.True(JsonNode.DeepEquals(slack.Json, JsonNode.Parse(PrintedBody(dryLog, "slack"))));
        Assert.NotNull(delivery);
    }

    [Fact]
    public async Task NotifyAsync_DryRunOfAwkwardText_EmojiPrintedAsTheyAreAndInvisibleControlsEscaped()
    {
        await using var server = await LoopbackServer.StartAsync();
        var log = new RecordingLog();
        var failed = TestData.Event(SpecEventKind.ImplementationFailed) with { Error = "🚀 build \u202Egnp.exe broke\nsecond line \"quoted\"" };

        await SpecEventNotifier.NotifyAsync(Config(server) with { Integrations = Config(server).Integrations.With(Config(server).Integrations.Webhooks! with { Endpoints = [TestData.Endpoint("ci", server.Url("/ci"), secret: Secret)] }) }, failed, TestData.Options(log, Environment(server), dryRun: true));

        Assert.Contains("  \"error\": \"🚀 build \\u202egnp.exe broke\\nsecond line \\\"quoted\\\"\",\n", PrintedBody(log, "webhooks/ci"), StringComparison.Ordinal);
    }

    private static SpecCakeConfig Config(LoopbackServer server) => TestData.Config(new IntegrationsOptions
    {
        Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationCompleted] },
        Webhooks = new WebhooksOptions { Enabled = true, Endpoints = [TestData.Endpoint("ci", server.Url("/ci"), secret: Secret) with { Events = [SpecEventKind.ImplementationCompleted] }] },
    });

    private static Dictionary<string, string?> Environment(LoopbackServer server) => new() { ["SLACK_WEBHOOK_URL"] = server.Url("/slack") };

    /// <summary>The body a dry run printed for a target: after the blank line that ends the headers.</summary>
    private static string PrintedBody(RecordingLog log, string target)
    {
        var printed = log.Lines.Select(line => line.Message).Single(message => message.StartsWith($"[dry run] {target} would send:", StringComparison.Ordinal));
        return printed[(printed.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
    }
}
