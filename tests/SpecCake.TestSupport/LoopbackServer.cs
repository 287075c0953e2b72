using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SpecCake.TestSupport;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port that records every request. Either it
/// answers as the test says (<see cref="StartAsync"/>, by default 200 "ok"), or a subclass maps the
/// routes of a stateful fake (the tracker fakes). It can add latency per call and answer chosen
/// requests with an error.
/// </summary>
public class LoopbackServer : IAsyncDisposable
{
    private const string IndexKey = "loopback.index";
    private const string RecordedKey = "loopback.recorded";

    private readonly Func<int, RecordedRequest, HttpContext, Task>? _respond;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<Fault> _faults = [];
    private readonly List<Rendezvous> _rendezvous = [];
    private WebApplication? _app;
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>For a fake that maps its own routes (<see cref="MapRoutes"/>); start it with <see cref="ListenAsync"/>.</summary>
    protected LoopbackServer()
    {
    }

    private LoopbackServer(Func<int, RecordedRequest, HttpContext, Task> respond) => this._respond = respond;

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The base URL without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Delay added to every call.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Every request that arrived, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The requests that change state on the server (<see cref="IsWrite"/>).</summary>
    public IReadOnlyList<RecordedRequest> Writes => [.. _requests.Where(IsWrite)];

    /// <summary>The most requests the server was handling at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>An absolute URL on this server.</summary>
    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    /// <summary>Starts a server; <paramref name="respond"/> gets the 0-based request index.</summary>
    public static async Task<LoopbackServer> StartAsync(Func<int, RecordedRequest, HttpContext, Task>? respond = null)
    {
        var server = new LoopbackServer(respond ?? ((_, _, context) => context.Response.WriteAsync("ok")));
        await server.ListenAsync();
        return server;
    }

    /// <summary>A loopback URL nobody listens on (connection refused).</summary>
    public static string RefusingUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/hook";
    }

    /// <summary>Whether a request changes state on the server; fakes say, anything but GET and HEAD by default.</summary>
    public virtual bool IsWrite(RecordedRequest request) => request.Method is not ("GET" or "HEAD");

    public void ClearRequests()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _maxInFlight, 0);
    }

    /// <summary>
    /// Answers <paramref name="status"/> to the matching requests after letting <paramref name="skip"/> of them
    /// through, <paramref name="times"/> times. With <paramref name="afterHandling"/> the request is carried out
    /// first and only its answer is replaced: the server did the work, the client sees a failure.
    /// </summary>
    public void Fail(Func<RecordedRequest, bool> match, int status, int skip = 0, int times = 1, bool afterHandling = false, string? retryAfter = null, string body = "{\"error\":\"injected\"}")
    {
        lock (_faults)
        {
            _faults.Add(new Fault(match, status, skip, times, afterHandling, retryAfter, body));
        }
    }

    /// <summary>
    /// Holds the answers to the first <paramref name="parties"/> requests that match until all of them have been
    /// handled, then sends them together: each answer is computed before any client gets one, so two clients
    /// racing each other (two SyncTrackers runs) both read the state from before either goes on, which is the
    /// interleaving a test wants to force. Gives up waiting after <paramref name="timeout"/> (default 10 s), so a
    /// test that sends fewer requests fails instead of hanging.
    /// </summary>
    public void Meet(Func<RecordedRequest, bool> match, int parties = 2, TimeSpan? timeout = null)
    {
        lock (_rendezvous)
        {
            _rendezvous.Add(new Rendezvous(match, parties, timeout ?? TimeSpan.FromSeconds(10)));
        }
    }

    /// <summary>Starts listening on 127.0.0.1 and a free port.</summary>
    public async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(HandleAsync);
        MapRoutes(_app);
        await _app.StartAsync();
        BaseUrl = new Uri(_app.Urls.Single());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The fake's routes; by default every request gets the answer given to <see cref="StartAsync"/>.</summary>
    protected virtual void MapRoutes(WebApplication app) =>
        app.Run(context => _respond!((int)context.Items[IndexKey]!, (RecordedRequest)context.Items[RecordedKey]!, context));

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
        // Buffered, so a fake's route can read the body again.
        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;
        var recorded = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.ContentType ?? string.Empty,
            body.ToArray(),
            context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty,
            DateTimeOffset.UtcNow);
        context.Items[IndexKey] = Interlocked.Increment(ref _count) - 1;
        context.Items[RecordedKey] = recorded;
        _requests.Enqueue(recorded);

        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
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
                if (Join(recorded) is { } meeting)
                {
                    // The answer is computed now and sent once every party's is.
                    var original = context.Response.Body;
                    using var held = new MemoryStream();
                    context.Response.Body = held;
                    await next(context);
                    context.Response.Body = original;
                    await HandledAsync(meeting);
                    held.Position = 0;
                    await held.CopyToAsync(original);
                    return;
                }

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
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private Fault? TakeFault(RecordedRequest request)
    {
        lock (_faults)
        {
            foreach (var fault in _faults)
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

    // The rendezvous the request takes part in, if any: a place among its parties is taken on arrival.
    private Rendezvous? Join(RecordedRequest request)
    {
        lock (_rendezvous)
        {
            foreach (var candidate in _rendezvous)
            {
                if (candidate.Places > 0 && candidate.Match(request))
                {
                    candidate.Places--;
                    return candidate;
                }
            }
        }

        return null;
    }

    // Called once the request's answer is computed: ends when every party's is.
    private static Task HandledAsync(Rendezvous meeting)
    {
        if (Interlocked.Decrement(ref meeting.Pending) == 0)
        {
            meeting.AllHandled.TrySetResult();
        }

        return Task.WhenAny(meeting.AllHandled.Task, Task.Delay(meeting.Timeout));
    }

    private sealed class Rendezvous(Func<RecordedRequest, bool> match, int parties, TimeSpan timeout)
    {
        public int Pending = parties;

        public Func<RecordedRequest, bool> Match { get; } = match;
        public int Places { get; set; } = parties;
        public TimeSpan Timeout { get; } = timeout;
        public TaskCompletionSource AllHandled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
