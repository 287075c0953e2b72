using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Datadog;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.Datadog;

public sealed class DatadogNotifierTests
{
    private static readonly string[] EventTags = ["team:platform", "env:production"];

    private static SpecCakeConfig Config(LoopbackServer server) =>
        IncidentTestData.Config(new IntegrationsOptions { Datadog = IncidentTestData.Datadog(server.BaseUrl.ToString()) });

    private static Dictionary<string, JsonNode> Series(RecordedRequest request) =>
        request.Json["series"]!.AsArray().ToDictionary(series => (string)series!["metric"]!, series => series!);

    [Fact]
    public async Task NotifyAsync_ImplementationFailed_SeriesAndEventWithBothKeys()
    {
        await using var server = await IncidentTestData.ServiceAsync(202, """{"errors":[]}""");
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(Config(server), IncidentTestData.Failed, log);

        Assert.Equal(["datadog/metrics", "datadog/events"], report.Results.Select(result => result.Target));
        Assert.All(report.Results, result => Assert.Equal(DeliveryStatus.Sent, result.Status));
        var metrics = server.Requests.Single(request => request.PathAndQuery == "/api/v2/series");
        var events = server.Requests.Single(request => request.PathAndQuery == "/api/v1/events");
        foreach (var request in new[] { metrics, events })
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal(IncidentTestData.DatadogApiKey, request.Header("DD-API-KEY"));
            Assert.Equal(IncidentTestData.DatadogAppKey, request.Header("DD-APPLICATION-KEY"));
        }

        string[] tags = [.. EventTags, "spec_id:FEAT-0001", "event:implementation_failed", "repository:org/repo"];
        var series = Series(metrics);
        Assert.Equal(["spec_ingestion.processed", "spec_ingestion.failure", "spec_ingestion.duration"], series.Keys);
        Assert.Equal([1, 1, 3], series.Values.Select(metric => (int)metric["type"]!));
        Assert.Equal(93.5, (double)series["spec_ingestion.duration"]["points"]![0]!["value"]!);
        Assert.Equal(1, (double)series["spec_ingestion.failure"]["points"]![0]!["value"]!);
        Assert.Equal(TestData.Now.ToUnixTimeSeconds(), (long)series["spec_ingestion.processed"]["points"]![0]!["timestamp"]!);
        Assert.All(series.Values, metric => Assert.Equal(tags, metric["tags"]!.AsArray().Select(tag => (string?)tag)));

        var body = events.Json;
        Assert.Equal("error", (string?)body["alert_type"]);
        Assert.Equal("Spec Implementation Failed: FEAT-0001 User Authentication", (string?)body["title"]);
        Assert.Contains("Schema validation failed", (string?)body["text"], StringComparison.Ordinal);
        Assert.Equal(tags, body["tags"]!.AsArray().Select(tag => (string?)tag));
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Fact]
    public async Task NotifyAsync_ImplementationCompleted_SuccessCountAndSuccessEvent()
    {
        await using var server = await IncidentTestData.ServiceAsync(202, """{"errors":[]}""");

        await IncidentTestData.NotifyAsync(Config(server), IncidentTestData.Completed, new RecordingLog());

        var series = Series(server.Requests.Single(request => request.PathAndQuery == "/api/v2/series"));
        Assert.Equal(["spec_ingestion.processed", "spec_ingestion.success", "spec_ingestion.duration"], series.Keys);
        Assert.Equal(412, (double)series["spec_ingestion.duration"]["points"]![0]!["value"]!);
        Assert.Contains("event:implementation_completed", series["spec_ingestion.success"]["tags"]!.AsArray().Select(tag => (string?)tag));
        Assert.Equal("success", (string?)server.Requests.Single(request => request.PathAndQuery == "/api/v1/events").Json["alert_type"]);
    }

    [Fact]
    public async Task NotifyAsync_ImplementationStartedWithoutDuration_ProcessedOnlyAndInfoEvent()
    {
        await using var server = await IncidentTestData.ServiceAsync(202, """{"errors":[]}""");

        await IncidentTestData.NotifyAsync(Config(server), TestData.Event(SpecEventKind.ImplementationStarted), new RecordingLog());

        Assert.Equal(["spec_ingestion.processed"], Series(server.Requests.Single(request => request.PathAndQuery == "/api/v2/series")).Keys);
        Assert.Equal("info", (string?)server.Requests.Single(request => request.PathAndQuery == "/api/v1/events").Json["alert_type"]);
    }

    [Fact]
    public async Task NotifyAsync_MetricsOnlyWithOwnPrefix_OneRequestUnderThePrefix()
    {
        await using var server = await IncidentTestData.ServiceAsync(202, """{"errors":[]}""");
        var config = IncidentTestData.Config(new IntegrationsOptions
        {
            Datadog = IncidentTestData.Datadog(server.BaseUrl.ToString()) with { SendEvents = false, MetricPrefix = "specs.ci" },
        });

        var report = await IncidentTestData.NotifyAsync(config, IncidentTestData.Failed, new RecordingLog());

        Assert.Equal("datadog/metrics", Assert.Single(report.Results).Target);
        Assert.Equal(["specs.ci.processed", "specs.ci.failure", "specs.ci.duration"], Series(Assert.Single(server.Requests)).Keys);
    }

    [Theory]
    [InlineData("datadoghq.com", "https://api.datadoghq.com")]
    [InlineData("datadoghq.eu", "https://api.datadoghq.eu")]
    [InlineData("us3.datadoghq.com", "https://api.us3.datadoghq.com")]
    [InlineData("us5.datadoghq.com", "https://api.us5.datadoghq.com")]
    [InlineData("ap1.datadoghq.com", "https://api.ap1.datadoghq.com")]
    [InlineData("ap2.datadoghq.com", "https://api.ap2.datadoghq.com")]
    [InlineData("uk1.datadoghq.com", "https://api.uk1.datadoghq.com")]
    [InlineData("ddog-gov.com", "https://api.ddog-gov.com")]
    [InlineData("us2.ddog-gov.com", "https://api.us2.ddog-gov.com")]
    [InlineData("app.datadoghq.eu", "https://api.datadoghq.eu")]
    public async Task NotifyAsync_Site_SentToThatSitesApiHost(string site, string apiHost)
    {
        var config = IncidentTestData.Config(new IntegrationsOptions { Datadog = IncidentTestData.Datadog(apiUrl: null, site) });
        var log = new RecordingLog();

        await IncidentTestData.NotifyAsync(config, IncidentTestData.Failed, log, dryRun: true);

        Assert.Contains($"POST {apiHost}/api/v2/series\n", log.Text, StringComparison.Ordinal);
        Assert.Contains($"POST {apiHost}/api/v1/events\n", log.Text, StringComparison.Ordinal);
        Assert.Contains("DD-API-KEY: ***", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_UnknownSite_FailureListsTheSites()
    {
        var config = IncidentTestData.Config(new IntegrationsOptions { Datadog = IncidentTestData.Datadog(apiUrl: null, "datadoghq.co") });

        var report = await IncidentTestData.NotifyAsync(config, IncidentTestData.Failed, new RecordingLog());

        var result = Assert.Single(report.Results);
        Assert.Equal(("datadog", DeliveryStatus.Failed), (result.Target, result.Status));
        Assert.Contains("integrations.datadog.site \"datadoghq.co\" is not a Datadog site", result.Reason, StringComparison.Ordinal);
        Assert.Contains("us5.datadoghq.com", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiUrl_DefaultSite_Us1()
    {
        Assert.Equal("https://api.datadoghq.com", DatadogSite.ApiUrl(null));
    }
}
