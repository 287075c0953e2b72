using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SpecCake.TestSupport;

/// <summary>One request as the webhook endpoint saw it: headers and the exact body bytes.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>A real HTTP endpoint on 127.0.0.1 and a free port that records every request and answers 200.</summary>
internal sealed class LoopbackWebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackWebhookServer(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public string BaseUrl => _app.Urls.First();

    public static async Task<LoopbackWebhookServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackWebhookServer(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            server.Received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
