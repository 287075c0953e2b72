using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly;
using Polly.Timeout;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Http;
using SdkClient = global::Sentry.SentryClient;
using SdkEvent = global::Sentry.SentryEvent;
using SdkLevel = global::Sentry.SentryLevel;
using SdkOptions = global::Sentry.SentryOptions;

namespace SpecCake.Integrations.Sentry;

/// <summary>
/// A non-HTTP delivery through the official Sentry SDK. Each attempt builds a <see cref="SdkClient"/>
/// of its own (no <c>SentrySdk.Init</c>, no global hub: SpecCake is a library inside someone's
/// build), captures the event and flushes it. The SDK never reports whether Sentry accepted an
/// event, so the innermost HTTP handler records the answer; 429, 5xx and network errors are
/// retried with a fresh client (the SDK's own rate-limit memory would drop the retry otherwise),
/// after Sentry's <c>Retry-After</c> when it sends one. Every attempt carries the same event id,
/// which Sentry deduplicates, so a retry after an unanswered attempt never makes a second event.
/// The SDK sends through SpecCake's one HTTP stack (<see cref="ServiceHttp"/>).
/// </summary>
internal sealed class SentryDelivery : PlannedDelivery
{
    private readonly SentryDsn _dsn;
    private readonly Guid _eventId;

    public SentryDelivery(string target, SentryDsn dsn, SentryReport report, RetryPolicy policy, Guid eventId)
        : base(target, policy, deduplicationKey: "event_id")
    {
        this._dsn = dsn;
        this._eventId = eventId;
        Report = report;
    }

    public SentryReport Report { get; }

    public override string Describe() =>
        $"Sentry event through the Sentry SDK (envelope to project {_dsn.ProjectId} at {_dsn.Host}; DSN: {SecretMasker.Mask})\n{Report}";

    public override Task<DeliveryOutcome> SendAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SendThroughAsync(
            context.Pipeline((typeof(SentryDelivery), Policy), () => CreatePipeline(Policy, context.TimeProvider)),
            context,
            (_, token) => new ValueTask(SendOnceAsync(context, token)),
            (error, call) => error is SentryRejection rejection
                ? DeliveryOutcome.Failed(
                    call.Attempts,
                    rejection.Message + (HttpResilience.DescribeRefusedWait(rejection.RetryAfter, Policy) is { } refusedWait ? ": " + refusedWait : string.Empty) + AttemptsSuffix(call.Attempts))
                : null,
            cancellationToken);
    }

    /// <summary>
    /// <see cref="OperationResilience"/> retrying what Sentry calls transient and unanswered attempts
    /// (the event id makes a repeat harmless); its <c>Retry-After</c> sets the wait, and one longer than
    /// <see cref="RetryPolicy.MaxRetryAfter"/> ends the delivery.
    /// </summary>
    private static ResiliencePipeline CreatePipeline(RetryPolicy policy, TimeProvider timeProvider) => OperationResilience.Create(
        policy,
        exception => exception is SentryRejection { IsTransient: true } or TimeoutRejectedException,
        timeProvider,
        args => DeliveryCall.Of(args.Context).RetryingAsync(args.Outcome.Exception?.Message, args.RetryDelay, args.AttemptNumber),
        exception => (exception as SentryRejection)?.RetryAfter);

    private async Task SendOnceAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        using var recorder = new ResponseRecorder(Policy.ConnectTimeout, context);
        var options = new SdkOptions
        {
            Dsn = _dsn.Value,
            Environment = Report.Environment,
            CreateHttpMessageHandler = () => recorder,
            IsGlobalModeEnabled = false,
            AutoSessionTracking = false,
            SendClientReports = false,
            SendDefaultPii = false,
            AttachStacktrace = false,
            CacheDirectoryPath = null,
            DisableFileWrite = true,
            EnableBackpressureHandling = false,
            Debug = false,

            // The SDK would name the process running the build (testhost, Cake) as the release and list its assemblies.
            Release = "speccake@" + (typeof(SentryDelivery).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"),
            ReportAssembliesMode = global::Sentry.ReportAssembliesMode.None,
            ShutdownTimeout = TimeSpan.FromMilliseconds(100),
            FlushTimeout = Policy.AttemptTimeout,
        };

        using var client = new SdkClient(options);
        client.CaptureEvent(BuildEvent());

        // Sentry's answer ends the attempt: after a rejection the SDK's flush would wait out its whole
        // timeout. FlushAsync still covers an SDK that sends nothing; the attempt timeout cancels both.
        await Task.WhenAny(recorder.Answered, client.FlushAsync(Policy.AttemptTimeout)).WaitAsync(cancellationToken).ConfigureAwait(false);
        recorder.ThrowUnlessAccepted();
    }

    private SdkEvent BuildEvent()
    {
        // The SDK sets a fresh id on every event it creates; FromJson is its public way to give one.
        using var identity = JsonDocument.Parse($$"""{"event_id":"{{_eventId:N}}","timestamp":"{{Report.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}}"}""");
        var sentryEvent = SdkEvent.FromJson(identity.RootElement);
        sentryEvent.Message = Report.Message;
        sentryEvent.Level = Report.Level == "error" ? SdkLevel.Error : SdkLevel.Info;
        sentryEvent.Logger = "speccake";
        sentryEvent.Environment = Report.Environment;
        sentryEvent.Fingerprint = Report.Fingerprint;
        foreach (var (key, value) in Report.Tags)
        {
            sentryEvent.SetTag(key, value);
        }

        foreach (var (key, value) in Report.Extra)
        {
            sentryEvent.SetExtra(key, value);
        }

        return sentryEvent;
    }

    /// <summary>Sentry did not accept the event; <see cref="IsTransient"/> says whether another attempt may help.</summary>
    private sealed class SentryRejection(string message, bool isTransient, TimeSpan? retryAfter = null) : Exception(message)
    {
        public bool IsTransient { get; } = isTransient;

        public TimeSpan? RetryAfter { get; } = retryAfter;
    }

    /// <summary>
    /// The SDK's HTTP handler: SpecCake's stack (no redirects, bounded reads, the connect timeout)
    /// under a recorder of Sentry's answer.
    /// </summary>
    private sealed class ResponseRecorder(TimeSpan connectTimeout, DeliveryContext context)
        : DelegatingHandler(ServiceHttp.CreateHandler(ResponseLimits.SdkAnswer, connectTimeout))
    {
        private HttpStatusCode? _status;
        private string? _reason;
        private string? _body;
        private bool _truncated;
        private TimeSpan? _retryAfter;
        private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Exception? _failure;

        /// <summary>Completes when Sentry answered, or the request failed.</summary>
        public Task Answered => _answered.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    // At most a few KB, already in memory: the SDK can still read it after us.
                    _body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    _truncated = response.Content is BoundedContent { Truncated: true };
                }

                _reason = response.ReasonPhrase;
                _retryAfter = HttpResilience.RetryAfter(response, context.TimeProvider);
                _status = response.StatusCode;
                _answered.TrySetResult();
                return response;
            }
            catch (Exception error) when (error is HttpRequestException or IOException)
            {
                _failure = error;
                _answered.TrySetResult();
                throw;
            }
        }

        public void ThrowUnlessAccepted()
        {
            if (_failure is RedirectNotFollowedException redirect)
            {
                throw new SentryRejection($"HTTP {redirect.Answer}: redirects are not followed; check SENTRY_DSN's host", isTransient: false);
            }

            if (_failure is not null)
            {
                throw new SentryRejection($"network error: {_failure.Message}", isTransient: true);
            }

            if (_status is not { } code)
            {
                throw new SentryRejection("the Sentry SDK sent nothing within the attempt timeout", isTransient: true);
            }

            if ((int)code is >= 200 and < 300)
            {
                return;
            }

            var text = $"HTTP {((int)code).ToString(CultureInfo.InvariantCulture)} {_reason}".TrimEnd();
            var message = HttpDelivery.ServiceMessage(_body ?? string.Empty, context.Masker, _truncated);
            throw new SentryRejection(message.Length > 0 ? $"{text}: {message}" : text, HttpResilience.IsTransient(code), _retryAfter);
        }
    }
}
