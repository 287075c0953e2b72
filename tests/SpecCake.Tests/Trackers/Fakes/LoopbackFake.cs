using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpecCake.Tests.Trackers.Fakes;

/// <summary>
/// A stateful fake of a tracker API on 127.0.0.1 (Kestrel, port 0): it keeps what was created, records
/// every request, can add latency per call and answer chosen requests with an error.
/// </summary>
public abstract class LoopbackFake : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly List<Fault> faults = [];
    private WebApplication? app;
    private int inFlight;
    private int maxInFlight;

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Delay added to every call (the benchmark's 50 ms).</summary>
    public TimeSpan Latency { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public IReadOnlyList<RecordedRequest> Writes => [.. requests.Where(IsWrite)];

    /// <summary>The most requests the server was handling at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    /// <summary>Whether a request changes state on the server (everything else is a read).</summary>
    public abstract bool IsWrite(RecordedRequest request);

    public void ClearRequests()
    {
        requests.Clear();
        Interlocked.Exchange(ref maxInFlight, 0);
    }

    /// <summary>
    /// Answers <paramref name="status"/> to the matching requests after letting <paramref name="skip"/> of them
    /// through, <paramref name="times"/> times. With <paramref name="afterHandling"/> the request is carried out
    /// first and only its answer is replaced: the server did the work, the client sees a failure.
    /// </summary>
    public void Fail(Func<RecordedRequest, bool> match, int status, int skip = 0, int times = 1, bool afterHandling = false, string? retryAfter = null, string body = "{\"error\":\"injected\"}")
    {
        lock (faults)
        {
            faults.Add(new Fault(match, status, skip, times, afterHandling, retryAfter, body));
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Use(HandleAsync);
        MapRoutes(app);
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract void MapRoutes(WebApplication app);

    protected static async Task WriteJsonAsync(HttpContext context, JsonNode? body, int status = 200)
    {
        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString());
        }
    }

    protected static async Task<JsonNode?> ReadJsonAsync(HttpContext context)
    {
        context.Request.Body.Position = 0;
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }

    private async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        context.Request.Body.Position = 0;
        var recorded = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.ContentType ?? string.Empty,
            body,
            context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty,
            DateTimeOffset.UtcNow);
        requests.Enqueue(recorded);

        var now = Interlocked.Increment(ref inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }

            var fault = TakeFault(recorded);
            if (fault is null)
            {
                await next(context);
                return;
            }

            if (fault.AfterHandling)
            {
                var original = context.Response.Body;
                context.Response.Body = new MemoryStream();
                await next(context);
                context.Response.Body = original;
            }

            context.Response.Headers.Clear();
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(fault.Body);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private Fault? TakeFault(RecordedRequest request)
    {
        lock (faults)
        {
            foreach (var fault in faults)
            {
                if (fault.Times <= 0 || !fault.Match(request))
                {
                    continue;
                }

                if (fault.Skip > 0)
                {
                    fault.Skip--;
                    continue;
                }

                fault.Times--;
                return fault;
            }
        }

        return null;
    }

    private sealed class Fault(Func<RecordedRequest, bool> match, int status, int skip, int times, bool afterHandling, string? retryAfter, string body)
    {
        public Func<RecordedRequest, bool> Match { get; } = match;
        public int Status { get; } = status;
        public int Skip { get; set; } = skip;
        public int Times { get; set; } = times;
        public bool AfterHandling { get; } = afterHandling;
        public string? RetryAfter { get; } = retryAfter;
        public string Body { get; } = body;
    }
}
