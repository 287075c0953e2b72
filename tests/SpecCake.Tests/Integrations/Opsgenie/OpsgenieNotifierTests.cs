using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Opsgenie;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.Opsgenie;

public sealed class OpsgenieNotifierTests
{
    private const string Accepted = """{"result":"Request will be processed","took":0.302,"requestId":"43a29c5c-3dbf-4fa4-9c26-f4f71023e120"}""";

    private static SpecCakeConfig Config(LoopbackServer server) =>
        IncidentTestData.Config(new IntegrationsOptions { Opsgenie = IncidentTestData.Opsgenie(server.BaseUrl.ToString()) });

    [Fact]
    public async Task NotifyAsync_ImplementationFailed_AlertApiReceivesCreateAlertWithGenieKey()
    {
        await using var server = await IncidentTestData.ServiceAsync(202, Accepted);
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(Config(server), IncidentTestData.Failed, log);

        Assert.Equal(("opsgenie", DeliveryStatus.Sent), (report.Results.Single().Target, report.Results.Single().Status));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v2/alerts"), (request.Method, request.PathAndQuery));
        Assert.Equal("GenieKey " + IncidentTestData.OpsgenieKey, request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal("FEAT-0001 User Authentication: implementation_failed: Schema validation failed", (string?)body["message"]);
        Assert.Equal("speccake:org:repo:FEAT-0001", (string?)body["alias"]);
        Assert.Equal("P3", (string?)body["priority"]);
        Assert.Equal(["spec-automation", "ci-cd"], body["tags"]!.AsArray().Select(tag => (string?)tag));
        Assert.Contains("• Error: Schema validation failed", (string?)body["description"], StringComparison.Ordinal);
        Assert.Equal("SpecCake (org/repo)", (string?)body["source"]);
        var details = body["details"]!.AsObject();
        Assert.Equal("FEAT-0001", (string?)details["spec_id"]);
        Assert.Equal("implementation_failed", (string?)details["event"]);
        Assert.Equal("42", (string?)details["pr_number"]);
        Assert.All(details, detail => Assert.Equal(System.Text.Json.JsonValueKind.String, detail.Value!.GetValueKind()));
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Fact]
    public async Task NotifyAsync_FailureSuccessFailure_CreateCloseByAliasCreateWithTheSameAlias()
    {
        await using var server = await IncidentTestData.ServiceAsync(202, Accepted);
        var config = Config(server);

        foreach (var specEvent in new[] { IncidentTestData.Failed, IncidentTestData.Completed, IncidentTestData.Failed })
        {
            var report = await IncidentTestData.NotifyAsync(config, specEvent, new RecordingLog());
            Assert.Equal((DeliveryStatus.Sent, 1), (Assert.Single(report.Results).Status, report.Results[0].Attempts));
        }

        var requests = server.Requests;
        Assert.Equal(
            ["/v2/alerts", "/v2/alerts/speccake:org:repo:FEAT-0001/close?identifierType=alias", "/v2/alerts"],
            requests.Select(request => request.PathAndQuery));
        Assert.Equal("speccake:org:repo:FEAT-0001", (string?)requests[0].Json["alias"]);
        Assert.Equal("speccake:org:repo:FEAT-0001", (string?)requests[2].Json["alias"]);
        Assert.Equal("GenieKey " + IncidentTestData.OpsgenieKey, requests[1].Header("Authorization"));
        Assert.Equal("SpecCake", (string?)requests[1].Json["user"]);
        Assert.Equal("FEAT-0001 reached implementation_completed (PR #42: https://github.com/org/repo/pull/42)", (string?)requests[1].Json["note"]);
    }

    [Fact]
    public async Task NotifyAsync_131CharacterMessage_CutTo130AtAWordBoundary()
    {
        await using var server = await IncidentTestData.ServiceAsync(202, Accepted);
        var prefix = "FEAT-0001 User Authentication: implementation_failed: ";
        const string Start = "Schema validation failed in ";
        var error = Start + new string('x', 129 - prefix.Length - Start.Length) + " z";
        var full = prefix + error;
        Assert.Equal(131, full.Length);

        await IncidentTestData.NotifyAsync(Config(server), IncidentTestData.Failed with { Error = error }, new RecordingLog());

        var message = (string)Assert.Single(server.Requests).Json["message"]!;
        Assert.Equal(130, message.Length);
        Assert.Equal(full[..129] + "…", message);
    }

    [Fact]
    public async Task NotifyAsync_EuApiUrl_CreateAndCloseGoToTheConfiguredHostInDryRun()
    {
        var config = IncidentTestData.Config(new IntegrationsOptions { Opsgenie = IncidentTestData.Opsgenie("https://api.eu.opsgenie.com") });
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(config, IncidentTestData.Failed, log, dryRun: true);
        await IncidentTestData.NotifyAsync(config, IncidentTestData.Completed, log, dryRun: true);

        Assert.Equal(DeliveryStatus.DryRun, report.Results.Single().Status);
        Assert.Contains("POST https://api.eu.opsgenie.com/v2/alerts\n", log.Text, StringComparison.Ordinal);
        Assert.Contains("POST https://api.eu.opsgenie.com/v2/alerts/speccake:org:repo:FEAT-0001/close?identifierType=alias\n", log.Text, StringComparison.Ordinal);
        Assert.Contains("Authorization: ***", log.Text, StringComparison.Ordinal);
        IncidentTestData.AssertNoSecrets(log, report);
    }

    [Fact]
    public async Task NotifyAsync_Unauthorized_FailsAtOnceWithOpsgeniesMessage()
    {
        await using var server = await IncidentTestData.ServiceAsync(401, """{"message":"Could not authenticate","took":0.0,"requestId":"r1"}""");
        var log = new RecordingLog();

        var report = await IncidentTestData.NotifyAsync(Config(server), IncidentTestData.Failed, log);

        var result = report.Results.Single();
        Assert.Equal((DeliveryStatus.Failed, 1), (result.Status, result.Attempts));
        Assert.Equal("HTTP 401 Unauthorized: Could not authenticate", result.Reason);
        IncidentTestData.AssertNoSecrets(log, report);
    }
}
