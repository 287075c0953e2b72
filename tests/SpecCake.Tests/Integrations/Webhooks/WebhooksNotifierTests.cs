using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Webhooks;
using SpecCake.Tests.Delivery;

namespace SpecCake.Tests.Integrations.Webhooks;

public sealed class WebhooksNotifierTests
{
    private const string Secret = "whsec-analytics-5d1e";

    public static TheoryData<SpecEventKind, string> Payloads => new()
    {
        {
            SpecEventKind.ImplementationStarted,
            """
            {"event":"implementation_started","timestamp":"2025-01-19T12:00:00Z",
             "spec":{"id":"FEAT-0001","title":"User Authentication","file":"specs/features/FEAT-0001.yaml","status":"implemented"},
             "pr":null,"repository":{"owner":"org","name":"repo"},"branch":"spec/feat-0001"}
            """
        },
        {
            SpecEventKind.ImplementationCompleted,
            """
            {"event":"implementation_completed","timestamp":"2025-01-19T12:00:00Z",
             "spec":{"id":"FEAT-0001","title":"User Authentication","file":"specs/features/FEAT-0001.yaml","status":"implemented"},
             "pr":{"number":42,"url":"https://github.com/org/repo/pull/42"},"repository":{"owner":"org","name":"repo"},
             "branch":"spec/feat-0001","reviewers":["@team"]}
            """
        },
        {
            SpecEventKind.ImplementationFailed,
            """
            {"event":"implementation_failed","timestamp":"2025-01-19T12:00:00Z",
             "spec":{"id":"FEAT-0001","title":"User Authentication","file":"specs/features/FEAT-0001.yaml","status":"implemented"},
             "pr":{"number":42,"url":"https://github.com/org/repo/pull/42"},"repository":{"owner":"org","name":"repo"},
             "error":"Schema validation failed","logs_url":"https://github.com/org/repo/actions/runs/7","branch":"spec/feat-0001"}
            """
        },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task NotifyAsync_Event_EndpointReceivesContractPayloadAndHeaders(SpecEventKind kind, string expectedJson)
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Config(new IntegrationsOptions
        {
            Webhooks = new WebhooksOptions
            {
                Enabled = true,
                Endpoints =
                [
                    TestData.Endpoint("internal-system", server.Url("/spec-webhook"), headers: new Dictionary<string, string> { ["Authorization"] = "Bearer tok-internal-91b2" }),
                    TestData.Endpoint("analytics", server.Url("/events"), secret: Secret),
                ],
            },
        });

        var report = await SpecEventNotifier.NotifyAsync(config, TestData.Event(kind), TestData.Options(new RecordingLog()));

        Assert.All(report.Results, result => Assert.Equal(DeliveryStatus.Sent, result.Status));
        var internalSystem = server.Requests.Single(request => request.PathAndQuery == "/spec-webhook");
        var analytics = server.Requests.Single(request => request.PathAndQuery == "/events");
        foreach (var request in new[] { internalSystem, analytics })
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("application/json", request.Header("Content-Type"));
            Assert.Equal(kind.ToName(), request.Header("X-SpecCake-Event"));
            Assert.True(Guid.TryParse(request.Header("X-SpecCake-Delivery"), out _));
            JsonAssert.Equal(expectedJson, request.Json);
        }

        Assert.Equal("Bearer tok-internal-91b2", internalSystem.Header("Authorization"));
        Assert.False(internalSystem.Headers.ContainsKey("X-Signature-256"));
        Assert.True(VerifySignature(analytics.Body, analytics.Header("X-Signature-256"), Secret));
        Assert.NotEqual(internalSystem.Header("X-SpecCake-Delivery"), analytics.Header("X-SpecCake-Delivery"));
    }

    [Fact]
    public async Task NotifyAsync_SignedEndpoint_GuidesPythonVerifySignatureAccepts()
    {
        await using var server = await LoopbackServer.StartAsync();
        var config = TestData.Webhooks(TestData.Endpoint("analytics", server.Url("/events"), secret: Secret));

        await SpecEventNotifier.NotifyAsync(config, TestData.Event(SpecEventKind.ImplementationCompleted), TestData.Options(new RecordingLog()));

        var request = server.Requests.Single();
        var signature = request.Header("X-Signature-256");
        Assert.Matches("^sha256=[0-9a-f]{64}$", signature);
        Assert.True(VerifySignature(request.Body, signature, Secret));
        Assert.False(VerifySignature(request.Body + " ", signature, Secret));
        Assert.False(VerifySignature(request.Body, signature, Secret + "x"));

        // The documented function (docs/design/integrations.md#webhooks), run by Python where the machine has it.
        if (FindPython() is { } python)
        {
            Assert.Equal("True", await RunPythonVerifyAsync(python, request.BodyBytes, signature, Secret));
        }
    }

    [Fact]
    public async Task NotifyAsync_EndpointNotSubscribed_GetsNothing()
    {
        await using var server = await LoopbackServer.StartAsync();
        var endpoint = TestData.Endpoint("analytics", server.Url("/events")) with { Events = [SpecEventKind.ImplementationCompleted] };

        var report = await SpecEventNotifier.NotifyAsync(TestData.Webhooks(endpoint), TestData.Event(SpecEventKind.ImplementationStarted), TestData.Options(new RecordingLog()));

        Assert.Equal(("webhooks", DeliveryStatus.Skipped), (report.Results.Single().Target, report.Results.Single().Status));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task NotifyAsync_RetryCountZero_SingleAttempt()
    {
        await using var server = await LoopbackServer.StartAsync((_, _, context) =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });

        var report = await SpecEventNotifier.NotifyAsync(TestData.Webhooks(TestData.Endpoint("once", server.Url("/hook"), retryCount: 0)), TestData.Event(SpecEventKind.ImplementationCompleted), TestData.Options(new RecordingLog()));

        Assert.Equal((DeliveryStatus.Failed, 1), (report.Results.Single().Status, report.Results.Single().Attempts));
        Assert.Single(server.Requests);
    }

    /// <summary>The documented Python <c>verify_signature</c> (docs/design/integrations.md#webhooks), line for line.</summary>
    private static bool VerifySignature(string payload, string signature, string secret)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes($"sha256={expected}"), Encoding.UTF8.GetBytes(signature));
    }

    private static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "python3"))
            .FirstOrDefault(File.Exists);

    private static async Task<string> RunPythonVerifyAsync(string python, byte[] body, string signature, string secret)
    {
        const string Script = """
            import hmac, hashlib, sys
            def verify_signature(payload, signature, secret):
                expected = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
                return hmac.compare_digest(f"sha256={expected}", signature)
            payload = sys.stdin.buffer.read().decode("utf-8")
            print(verify_signature(payload, sys.argv[1], sys.argv[2]))
            """;
        var start = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Script, signature, secret })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.BaseStream.WriteAsync(body);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}
