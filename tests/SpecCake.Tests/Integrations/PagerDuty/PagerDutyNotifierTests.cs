using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.Tests.Delivery;
using SpecCake.Validation;

namespace SpecCake.Tests.Integrations.PagerDuty;

public sealed class PagerDutyNotifierTests
{
    private static SpecCakeConfig Config(LoopbackServer server) =>
        IncidentTestData.Config(new IntegrationsOptions { PagerDuty = IncidentTestData.PagerDuty(server.BaseUrl.ToString()) });

    [Fact]
    public async Task NotifyAsync_ImplementationFailed_EventsApiReceivesTriggerWithPayloadAndLinks()
    {
        await using var server = await IncidentTestData.ServiceAsync();
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(Config(server), IncidentTestData.Failed, log);

        var result = Assert.Single(report.Results);
        Assert.Equal(("pagerduty", DeliveryStatus.Sent, 1), (result.Target, result.Status, result.Attempts));
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/enqueue", request.PathAndQuery);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var body = request.Json;
        Assert.Equal(IncidentTestData.RoutingKey, (string?)body["routing_key"]);
        Assert.Equal("trigger", (string?)body["event_action"]);
        Assert.Equal("speccake/org/repo/FEAT-0001", (string?)body["dedup_key"]);
        var payload = body["payload"]!;
        Assert.Equal("FEAT-0001 User Authentication: implementation_failed: Schema validation failed", (string?)payload["summary"]);
        Assert.Equal("org/repo", (string?)payload["source"]);
        Assert.Equal("warning", (string?)payload["severity"]);
        Assert.Equal("spec-pipeline", (string?)payload["component"]);
        Assert.Equal("2025-01-19T12:00:00Z", (string?)payload["timestamp"]);
        Assert.Equal("FEAT-0001", (string?)payload["custom_details"]!["spec_id"]);
        Assert.Equal("Schema validation failed", (string?)payload["custom_details"]!["error"]);
        Assert.Equal(42, (int?)payload["custom_details"]!["pr_number"]);
        var links = body["links"]!.AsArray().Select(link => ((string?)link!["href"], (string?)link["text"])).ToList();
        Assert.Contains(("https://github.com/org/repo/pull/42", "Pull request #42"), links);
        Assert.Contains(("https://github.com/org/repo/actions/runs/7", "Logs"), links);
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Fact]
    public async Task NotifyAsync_FailureSuccessFailure_TriggerResolveTriggerWithTheSameDedupKey()
    {
        await using var server = await IncidentTestData.ServiceAsync();
        var config = Config(server);

        foreach (var specEvent in new[] { IncidentTestData.Failed, IncidentTestData.Completed, IncidentTestData.Failed })
        {
            var report = await IncidentTestData.NotifyAsync(config, specEvent, new RecordingLog());
            Assert.Equal(DeliveryStatus.Sent, Assert.Single(report.Results).Status);
        }

        var bodies = server.Requests.Select(request => request.Json).ToList();
        Assert.Equal(["trigger", "resolve", "trigger"], bodies.Select(body => (string?)body["event_action"]));
        Assert.All(bodies, body => Assert.Equal("speccake/org/repo/FEAT-0001", (string?)body["dedup_key"]));
        Assert.Equal(IncidentTestData.RoutingKey, (string?)bodies[1]["routing_key"]);
        Assert.Null(bodies[1]["payload"]);
    }

    [Fact]
    public async Task NotifyAsync_AnotherSpecOrRepository_DifferentDedupKey()
    {
        await using var server = await IncidentTestData.ServiceAsync();
        var config = Config(server);
        var otherSpec = IncidentTestData.Failed with { Spec = TestData.Spec with { Id = "FEAT-0002" } };
        var otherRepository = IncidentTestData.Failed with { Repository = new RepositoryReference("org", "other") };

        foreach (var specEvent in new[] { IncidentTestData.Failed, otherSpec, otherRepository })
        {
            await IncidentTestData.NotifyAsync(config, specEvent, new RecordingLog());
        }

        Assert.Equal(
            ["speccake/org/repo/FEAT-0001", "speccake/org/repo/FEAT-0002", "speccake/org/other/FEAT-0001"],
            server.Requests.Select(request => (string?)request.Json["dedup_key"]));
    }

    [Fact]
    public async Task NotifyAsync_Sev1Spec_SeverityCritical()
    {
        await using var server = await IncidentTestData.ServiceAsync();
        var sev1 = IncidentTestData.Failed with { Spec = TestData.Spec with { Severity = SpecSeverity.Sev1 } };
        var sev2 = IncidentTestData.Failed with { Spec = TestData.Spec with { Severity = SpecSeverity.Sev2 } };

        await IncidentTestData.NotifyAsync(Config(server), sev1, new RecordingLog());
        await IncidentTestData.NotifyAsync(Config(server), sev2, new RecordingLog());

        Assert.Equal(["critical", "warning"], server.Requests.Select(request => (string?)request.Json["payload"]!["severity"]));
    }

    [Fact]
    public async Task NotifyAsync_EventNotInAlertOn_NothingSent()
    {
        await using var server = await IncidentTestData.ServiceAsync();

        var report = await IncidentTestData.NotifyAsync(Config(server), TestData.Event(SpecEventKind.PrCreated), new RecordingLog());

        var result = Assert.Single(report.Results);
        Assert.Equal(DeliveryStatus.Skipped, result.Status);
        Assert.Equal("not subscribed to pr_created", result.Reason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task NotifyAsync_CompletedWhenNotAlertingOnFailures_NoResolveSent()
    {
        await using var server = await IncidentTestData.ServiceAsync();
        var config = IncidentTestData.Config(new IntegrationsOptions
        {
            PagerDuty = IncidentTestData.PagerDuty(server.BaseUrl.ToString()) with { AlertOn = [SpecEventKind.ValidationFailed] },
        });

        var report = await IncidentTestData.NotifyAsync(config, IncidentTestData.Completed, new RecordingLog());

        Assert.Equal(DeliveryStatus.Skipped, Assert.Single(report.Results).Status);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task NotifyAsync_ValidationFailed_TriggerKeyedByRepository()
    {
        await using var server = await IncidentTestData.ServiceAsync();
        var config = IncidentTestData.Config(new IntegrationsOptions
        {
            PagerDuty = IncidentTestData.PagerDuty(server.BaseUrl.ToString()) with { AlertOn = [SpecEventKind.ValidationFailed] },
        });
        var invalid = SpecEvent.ValidationFailed(
            [new ValidationError("specs/features/FEAT-0003.yaml", 3, 9, "status must be one of draft, review, approved, implemented")],
            new RepositoryReference("org", "repo"),
            TestData.Now);

        await IncidentTestData.NotifyAsync(config, invalid, new RecordingLog());

        var body = Assert.Single(server.Requests).Json;
        Assert.Equal("speccake/org/repo/validation", (string?)body["dedup_key"]);
        Assert.StartsWith("Spec validation in org/repo: validation_failed: specs/features/FEAT-0003.yaml:3:9", (string?)body["payload"]!["summary"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_MissingRoutingKey_FailureNamesTheSecret()
    {
        await using var server = await IncidentTestData.ServiceAsync();

        var report = await IncidentTestData.NotifyAsync(Config(server), IncidentTestData.Failed, new RecordingLog(), new Dictionary<string, string?>());

        var result = Assert.Single(report.Results);
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Contains("PAGERDUTY_ROUTING_KEY", result.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
