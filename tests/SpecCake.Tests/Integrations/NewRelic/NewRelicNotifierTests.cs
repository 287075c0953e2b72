using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.NewRelic;

public sealed class NewRelicNotifierTests
{
    private const string Accepted = """{"success":true,"uuid":"8a4d5c4e-0001-b000-0000-01937a1c7a3e"}""";

    private static SpecCakeConfig Config(LoopbackServer server) =>
        IncidentTestData.Config(new IntegrationsOptions { NewRelic = IncidentTestData.NewRelic(server.BaseUrl.ToString()) });

    [Fact]
    public async Task NotifyAsync_ImplementationFailed_EventApiReceivesOneFlatEvent()
    {
        await using var server = await IncidentTestData.ServiceAsync(200, Accepted);
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(Config(server), IncidentTestData.Failed, log);

        Assert.Equal(("new_relic", DeliveryStatus.Sent), (report.Results.Single().Target, report.Results.Single().Status));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/accounts/1234567/events"), (request.Method, request.PathAndQuery));
        Assert.Equal(IncidentTestData.NewRelicKey, request.Header("Api-Key"));
        var events = request.Json.AsArray();
        var attributes = Assert.Single(events)!.AsObject();
        Assert.Equal("SpecIngestion", (string?)attributes["eventType"]);
        Assert.Equal("FEAT-0001", (string?)attributes["spec_id"]);
        Assert.Equal("implementation_failed", (string?)attributes["event"]);
        Assert.Equal("User Authentication", (string?)attributes["title"]);
        Assert.Equal("implemented", (string?)attributes["status"]);
        Assert.Equal(42, (int?)attributes["pr_number"]);
        Assert.Equal(93.5, (double?)attributes["duration"]);
        Assert.Equal("org/repo", (string?)attributes["repository"]);
        Assert.Equal("Schema validation failed", (string?)attributes["error"]);
        Assert.Equal(TestData.Now.ToUnixTimeSeconds(), (long?)attributes["timestamp"]);
        Assert.All(attributes, attribute => Assert.NotEqual(System.Text.Json.JsonValueKind.Object, attribute.Value!.GetValueKind()));
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Fact]
    public async Task NotifyAsync_StartedWithoutPrErrorOrDuration_UnknownAttributesLeftOut()
    {
        await using var server = await IncidentTestData.ServiceAsync(200, Accepted);

        await IncidentTestData.NotifyAsync(Config(server), TestData.Event(SpecEventKind.ImplementationStarted), new RecordingLog());

        var attributes = Assert.Single(Assert.Single(server.Requests).Json.AsArray())!.AsObject();
        Assert.Equal(
            ["eventType", "timestamp", "spec_id", "event", "title", "status", "repository"],
            attributes.Select(attribute => attribute.Key));
        Assert.Equal("implementation_started", (string?)attributes["event"]);
    }

    [Fact]
    public async Task NotifyAsync_EuCollector_SentToTheConfiguredHostInDryRun()
    {
        var config = IncidentTestData.Config(new IntegrationsOptions { NewRelic = IncidentTestData.NewRelic("https://insights-collector.eu01.nr-data.net") });
        var log = new RecordingLog();

        await IncidentTestData.NotifyAsync(config, IncidentTestData.Completed, log, dryRun: true);

        Assert.Contains("POST https://insights-collector.eu01.nr-data.net/v1/accounts/1234567/events\n", log.Text, StringComparison.Ordinal);
        Assert.Contains("Api-Key: ***", log.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("acct-12")]
    public async Task NotifyAsync_AccountIdNotNumeric_FailureNamesTheKey(string? accountId)
    {
        var config = IncidentTestData.Config(new IntegrationsOptions { NewRelic = IncidentTestData.NewRelic(null) with { AccountId = accountId } });

        var report = await IncidentTestData.NotifyAsync(config, IncidentTestData.Failed, new RecordingLog());

        var result = Assert.Single(report.Results);
        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.StartsWith("integrations.new_relic.account_id must be the numeric account ID", result.Reason, StringComparison.Ordinal);
    }
}
