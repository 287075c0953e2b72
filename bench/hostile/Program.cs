// Hostile endpoints, on the real clock with the default retry policy: what one costs a
// NotifySpecEvent step in wall time and memory.
//   silent-chat      Slack's webhook accepts the connection and never answers
//   silent-webhook   a webhook endpoint (X-SpecCake-Delivery lets it drop repeats) does the same
//   endless-error    a webhook answers 500 with a body that never ends
//   endless-success  a webhook answers 200 with a body that never ends
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Webhooks;
using SpecCake.Specs;

string[] all = ["silent-chat", "silent-webhook", "endless-error", "endless-success"];
var cases = args.Length > 0 ? args : all;
var specEvent = new SpecEvent
{
    Kind = SpecEventKind.ImplementationCompleted,
    Timestamp = DateTimeOffset.UtcNow,
    Spec = new Spec { Id = "FEAT-0001", Title = "User Authentication", Status = SpecStatus.Implemented, File = "specs/features/FEAT-0001.yaml" },
    Repository = new RepositoryReference("org", "repo"),
};

foreach (var name in cases)
{
    var (url, server, silent) = name switch
    {
        "silent-chat" or "silent-webhook" => (SilentUrl(out var listener), (IAsyncDisposable?)null, listener),
        "endless-error" => Endless(500, "Internal Server Error"),
        "endless-success" => Endless(200, "OK"),
        _ => throw new ArgumentException($"unknown case {name}; cases: {string.Join(", ", all)}"),
    };
    var environment = new Dictionary<string, string?>();
    SpecCakeConfig config;
    if (name == "silent-chat")
    {
        environment["SLACK_WEBHOOK_URL"] = url;
        config = new SpecCakeConfig { Integrations = new IntegrationsOptions { Slack = new SlackOptions { Enabled = true, NotifyOn = [SpecEventKind.ImplementationCompleted] } } };
    }
    else
    {
        config = new SpecCakeConfig
        {
            Integrations = new IntegrationsOptions
            {
                Webhooks = new WebhooksOptions
                {
                    Enabled = true,
                    Endpoints = [new WebhookEndpointOptions { Name = "hostile", Url = url, Events = [SpecEventKind.ImplementationCompleted] }],
                },
            },
        };
    }

    GC.Collect();
    var started = Stopwatch.GetTimestamp();
    var report = await SpecEventNotifier.NotifyAsync(config, specEvent, new SpecEventNotifierOptions { Environment = environment });
    var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
    using var self = Process.GetCurrentProcess();
    var result = report.Results.Single();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {wall:0.0} s, {result.Attempts} attempt(s), {DeliveryReport.Describe(result.Status)}: {Shorten(result.Reason)}; peak working set so far {self.PeakWorkingSet64 / (1024 * 1024)} MiB"));
    silent?.Stop();
    if (server is not null)
    {
        await server.DisposeAsync();
    }
}

return 0;

static string SilentUrl(out TcpListener listener)
{
    // The kernel completes the TCP handshake; nothing ever reads or answers.
    listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start(backlog: 16);
    return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/services/T1/B1/bench";
}

static (string Url, IAsyncDisposable? Server, TcpListener? Silent) Endless(int status, string reason)
{
    var server = EndlessServer.Start(status, reason);
    return (server.Url("/hook"), server, null);
}

static string Shorten(string? text) => text is null ? "-" : text.Length <= 90 ? text : text[..90] + "…";
