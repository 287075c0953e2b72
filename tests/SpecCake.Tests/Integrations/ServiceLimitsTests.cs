using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Discord;
using SpecCake.Integrations.Email;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Teams;
using SpecCake.Integrations.Webhooks;
using SpecCake.Specs;
using SpecCake.Tests.Delivery;
using SpecCake.Tests.Integrations.Email;
using SpecCake.Tests.Integrations.Sentry;
using SpecCake.Tests.Trackers.Fakes;
using SpecCake.Trackers;

namespace SpecCake.Tests.Integrations;

/// <summary>
/// Every integration fed its longest, most awkward inputs (<see cref="AwkwardInput"/>), and the bytes
/// its loopback server received held to that service's documented limits (<see cref="ServiceLimits"/>).
/// </summary>
public sealed partial class ServiceLimitsTests
{
    public static TheoryData<string, int> Notifiers()
    {
        var data = new TheoryData<string, int>();
        foreach (var service in new[] { "slack", "teams-adaptive-card", "teams-message-card", "discord", "webhooks", "pagerduty", "opsgenie", "opsgenie-close", "datadog", "new_relic", "sentry" })
        {
            data.Add(service, 0);
            data.Add(service, 1);
            data.Add(service, 2);
        }

        return data;
    }

    public static TheoryData<string> Trackers => ["jira", "jira-server", "linear", "azure_devops", "github_projects"];

    [Theory]
    [MemberData(nameof(Notifiers))]
    public async Task NotifyAsync_AwkwardInputs_EveryRequestWithinTheServicesLimits(string service, int shift)
    {
        await using var server = await AcceptingAsync(service);
        var (integrations, secrets, rules) = Notifier(service, server);
        var kind = service == "opsgenie-close" ? SpecEventKind.ImplementationCompleted : SpecEventKind.ImplementationFailed;

        var report = await SpecEventNotifier.NotifyAsync(TestData.Config(integrations), AwkwardInput.Event(kind, shift), TestData.Options(new RecordingLog(), secrets, retry: IncidentTestData.Retry));

        Assert.All(report.Results, result => Assert.True(result.Status == DeliveryStatus.Sent, $"{result.Target}: {result.Status} {result.Reason}"));
        Assert.NotEmpty(server.Requests);
        var violations = new List<string>();
        foreach (var request in server.Requests)
        {
            var received = service == "sentry" ? Sentry(request) : Read(request.BodyBytes, violations);
            violations.AddRange(rules.SelectMany(rule => rule.Violations(received)));
        }

        Assert.True(violations.Count == 0, $"{service}:\n" + string.Join("\n", violations));

        // What was cut is the least important: the event, the spec and the PR and logs links arrive.
        if (service is "slack" or "discord" or "teams-adaptive-card" or "teams-message-card")
        {
            var raw = server.Requests.Single().Body;
            var specEvent = AwkwardInput.Event(kind, shift);
            Assert.All(new[] { "FEAT-0001", specEvent.PullRequest!.Url!, specEvent.LogsUrl!, "Spec Implementation Failed" }, fact => Assert.Contains(fact, raw, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task NotifyAsync_AwkwardInputsByEmail_SubjectOneLineAndTextIntact()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(startTls: true, requiredLogin: null);
        var (config, options) = EmailNotifierTests.ToLoopback(server);

        var report = await SpecEventNotifier.NotifyAsync(config, AwkwardInput.Event(SpecEventKind.ImplementationFailed), options);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(report.Results).Status);
        var mail = Assert.Single(server.Messages).Message;
        // RFC 5322 §2.2: a header field is one logical line; §2.1.1: no line over 998 characters.
        Assert.DoesNotContain('\n', mail.Subject ?? string.Empty);
        Assert.DoesNotContain('\r', mail.Subject ?? string.Empty);
        Assert.True(mail.Subject!.Length <= 255, $"subject of {mail.Subject.Length} characters");
        using var raw = new MemoryStream();
        mail.WriteTo(raw);
        var lines = Encoding.UTF8.GetString(raw.ToArray()).ReplaceLineEndings("\n").Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 998, $"a line of {line.Length} characters"));
        Assert.DoesNotContain('\uFFFD', mail.TextBody ?? string.Empty);
        Assert.DoesNotContain('\uFFFD', mail.HtmlBody ?? string.Empty);
        // The error arrives whole, less the control characters no mail client shows.
        Assert.Contains(AwkwardInput.Error[..2000].Replace("\u0001", string.Empty, StringComparison.Ordinal), mail.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task SyncAsync_AwkwardSpec_EveryWriteWithinTheTrackersLimitsAndRerunWritesNothing(string tracker)
    {
        var (server, config, rules) = await TrackerAsync(tracker);
        await using var _ = server;

        var summary = await TrackerSync.SyncAsync(config, TrackerScenario.Environment(jiraCloud: tracker != "jira-server"), [AwkwardInput.Spec], TrackerScenario.Options());

        var result = summary.Trackers.Single();
        Assert.True(result.Failed == 0, string.Join("\n", result.Outcomes.Select(outcome => outcome.Error)));
        Assert.NotEmpty(server.Writes);
        var violations = new List<string>();
        foreach (var write in server.Writes)
        {
            violations.AddRange(rules.SelectMany(rule => rule.Violations(Read(write.BodyBytes, violations))));
        }

        Assert.True(violations.Count == 0, $"{tracker}:\n" + string.Join("\n", violations));

        // What was cut to fit is what the next run compares with: no endless rewrites.
        server.ClearRequests();
        await TrackerSync.SyncAsync(config, TrackerScenario.Environment(jiraCloud: tracker != "jira-server"), [AwkwardInput.Spec], TrackerScenario.Options());
        Assert.Empty(server.Writes);
    }

    /// <summary>A server that accepts what <paramref name="service"/> is sent with the service's own success answer.</summary>
    private static Task<LoopbackServer> AcceptingAsync(string service) => LoopbackServer.StartAsync((_, _, context) =>
    {
        context.Response.StatusCode = service == "discord" ? 204 : service.StartsWith("teams", StringComparison.Ordinal) ? 202 : 200;
        context.Response.ContentType = "application/json";
        return service == "discord" ? Task.CompletedTask : context.Response.WriteAsync("""{"id":"fc6d8c0c43fc4630ad850ee518f1b9d0","status":"success"}""");
    });

    /// <summary>The body as text and JSON; invalid UTF-8 and U+FFFD (a cut emoji) are violations of their own.</summary>
    private static Received Read(byte[] body, List<string> violations)
    {
        string raw;
        try
        {
            raw = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException exception)
        {
            violations.Add("the body is not valid UTF-8: " + exception.Message);
            raw = Encoding.UTF8.GetString(body);
        }

        if (raw.Contains('\uFFFD', StringComparison.Ordinal) || raw.Contains("\\uFFFD", StringComparison.OrdinalIgnoreCase))
        {
            violations.Add("the body holds U+FFFD: text was cut inside a character");
        }

        if (LoneSurrogate().IsMatch(raw))
        {
            violations.Add("the body holds an escaped lone surrogate: text was cut inside a character");
        }

        return new Received(raw, JsonNode.Parse(raw)!);
    }

    /// <summary>A JSON escape of half a surrogate pair without its other half.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")]
    private static partial System.Text.RegularExpressions.Regex LoneSurrogate();

    private static Received Sentry(RecordedRequest request)
    {
        var sentryEvent = SentryEnvelope.EventOf(request);
        return new Received(sentryEvent.ToJsonString(), sentryEvent);
    }

    private static (IntegrationsOptions Integrations, Dictionary<string, string?> Secrets, IReadOnlyList<Rule> Rules) Notifier(string service, LoopbackServer server)
    {
        var url = server.BaseUrl.ToString();
        var incident = IncidentTestData.Secrets(server);
        return service switch
        {
            "slack" => (new IntegrationsOptions
            {
                Slack = new SlackOptions { Enabled = true, Channel = "#engineering", NotifyOn = [SpecEventKind.ImplementationFailed], MentionOnFailure = ["@channel"] },
            }, new() { ["SLACK_WEBHOOK_URL"] = server.Url("/services/T000/B000/XXXX") }, ServiceLimits.Slack),
            "teams-adaptive-card" or "teams-message-card" => (new IntegrationsOptions
            {
                Teams = new TeamsOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationFailed], UseAdaptiveCards = service == "teams-adaptive-card" },
            }, new() { ["TEAMS_WEBHOOK_URL"] = server.Url("/workflows/abc") }, ServiceLimits.Teams),
            "discord" => (new IntegrationsOptions
            {
                Discord = new DiscordOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationFailed], Username = "Spec Bot", AvatarUrl = "https://example.com/bot-avatar.png" },
            }, new() { ["DISCORD_WEBHOOK_URL"] = server.Url("/api/webhooks/123/XXXX") }, ServiceLimits.Discord),
            "webhooks" => (new IntegrationsOptions
            {
                Webhooks = new WebhooksOptions { Enabled = true, Endpoints = [TestData.Endpoint("ci", server.Url("/hook"), secret: "hmac-secret")] },
            }, [], []),
            "pagerduty" => (new IntegrationsOptions { PagerDuty = IncidentTestData.PagerDuty(url) }, incident, ServiceLimits.PagerDuty),
            "opsgenie" or "opsgenie-close" => (new IntegrationsOptions { Opsgenie = IncidentTestData.Opsgenie(url) }, incident, ServiceLimits.Opsgenie),
            "datadog" => (new IntegrationsOptions { Datadog = IncidentTestData.Datadog(url) }, incident, ServiceLimits.Datadog),
            "new_relic" => (new IntegrationsOptions { NewRelic = IncidentTestData.NewRelic(url) }, incident, ServiceLimits.NewRelic),
            "sentry" => (new IntegrationsOptions { Sentry = IncidentTestData.Sentry() }, incident, ServiceLimits.Sentry),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
        };
    }

    private static async Task<(LoopbackServer Server, SpecCakeConfig Config, IReadOnlyList<Rule> Rules)> TrackerAsync(string tracker)
    {
        LoopbackServer server = tracker switch
        {
            "jira" or "jira-server" => new FakeJira(),
            "linear" => new FakeLinear(),
            "azure_devops" => new FakeAzureDevOps(),
            "github_projects" => new FakeGitHubProjects(),
            _ => throw new ArgumentOutOfRangeException(nameof(tracker), tracker, null),
        };
        await server.ListenAsync();
        return tracker switch
        {
            "jira" or "jira-server" => (server, TrackerScenario.Config(jira: TrackerScenario.Jira(server.Origin) with { CreateSubtasks = true }), ServiceLimits.Jira),
            "linear" => (server, TrackerScenario.Config(linear: TrackerScenario.Linear(server.Origin) with { Labels = [] }), ServiceLimits.Linear),
            "azure_devops" => (server, TrackerScenario.Config(azureDevOps: TrackerScenario.AzureDevOps(server.Origin)), ServiceLimits.AzureDevOps),
            _ => (server, TrackerScenario.Config(gitHubProjects: TrackerScenario.GitHubProjects(server.Origin)), ServiceLimits.GitHubProjects),
        };
    }
}
