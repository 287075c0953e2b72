using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Polly.Retry;
using SpecCake.Configuration;
using SpecCake.Http;

namespace SpecCake.Delivery;

/// <summary>
/// A delivery that is one HTTP request, sent through the integration's Polly pipeline
/// (<see cref="HttpResilience.Create"/>, built once per run and policy: <see cref="DeliveryContext.Pipeline{TPipeline}"/>) over <see cref="DeliveryContext.Http"/>: retried on 408,
/// 429, 5xx and connections that never opened; after a timeout or a connection lost once the request
/// was sent only when the service can drop a repeat (<see cref="PlannedDelivery.Guarantee"/>); failed
/// at once on any other 4xx, a redirect, or a <c>Retry-After</c> longer than the policy allows, with
/// the service's own message.
/// </summary>
public sealed class HttpDelivery : PlannedDelivery
{
    private const int MaxMessageLength = 300;
    private readonly Func<HttpStatusCode, bool> _isSuccess;

    /// <summary>Creates the delivery.</summary>
    /// <param name="target">The summary name and rate-limit key.</param>
    /// <param name="request">The request, built once: every attempt sends the same bytes and headers.</param>
    /// <param name="policy">How hard to try.</param>
    /// <param name="isSuccess">Which statuses mean delivered; any 2xx when null.</param>
    /// <param name="deduplicationKey">What in the request lets the service drop a repeat (see <see cref="PlannedDelivery.DeduplicationKey"/>).</param>
    public HttpDelivery(string target, HttpRequestDescription request, RetryPolicy policy, Func<HttpStatusCode, bool>? isSuccess = null, string? deduplicationKey = null)
        : base(target, policy, deduplicationKey)
    {
        Request = request ?? throw new ArgumentNullException(nameof(request));
        this._isSuccess = isSuccess ?? (status => (int)status is >= 200 and < 300);
    }

    /// <summary>The request.</summary>
    public HttpRequestDescription Request { get; }

    /// <inheritdoc />
    public override string Describe() => Request.ToString();

    /// <inheritdoc />
    public override Task<DeliveryOutcome> SendAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var atLeastOnce = Guarantee == DeliveryGuarantee.AtLeastOnce;
        var pipeline = context.Pipeline(
            (typeof(HttpDelivery), Policy, Guarantee),
            () => HttpResilience.Create(Policy, context.TimeProvider, LogRetryAsync, atLeastOnce ? HttpResilience.IsTransient : HttpResilience.IsUndelivered));
        return SendThroughAsync(
            pipeline,
            context,
            async (call, token) =>
            {
                using var message = Request.ToMessage();
                call.HandedOver = true;
                return await context.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            },
            (final, call) => AnsweredAsync(final, call, cancellationToken),
            (error, call) => error switch
            {
                RedirectNotFollowedException redirect => DeliveryOutcome.Failed(
                    call.Attempts,
                    $"HTTP {redirect.Answer}: redirects are not followed (the message would go to another address); configure the address it points to{AttemptsSuffix(call.Attempts)}"),
                HttpRequestException network => DeliveryOutcome.Failed(
                    call.Attempts,
                    $"network error: {network.Message}{(atLeastOnce || HttpResilience.NeverConnected(network) ? string.Empty : NotRetriedSuffix())}{AttemptsSuffix(call.Attempts)}"),
                _ => null,
            },
            cancellationToken);
    }

    private static ValueTask LogRetryAsync(OnRetryArguments<HttpResponseMessage> args)
    {
        var why = args.Outcome.Result is { } response
            ? $"HTTP {(int)response.StatusCode}"
            : args.Outcome.Exception?.GetType().Name ?? "error";
        return DeliveryCall.Of(args.Context).RetryingAsync(why, args.RetryDelay, args.AttemptNumber);
    }

    private async ValueTask<DeliveryOutcome> AnsweredAsync(HttpResponseMessage final, DeliveryCall call, CancellationToken cancellationToken)
    {
        var attempts = call.Attempts;
        using (final)
        {
            if (_isSuccess(final.StatusCode))
            {
                return DeliveryOutcome.Sent(attempts);
            }

            var status = (int)final.StatusCode;
            var text = $"HTTP {status.ToString(CultureInfo.InvariantCulture)} {final.ReasonPhrase}".TrimEnd();
            var refusedWait = HttpResilience.DescribeRefusedWait(
                await HttpResilience.ServerRequestedDelayAsync(final, call.Context.TimeProvider).ConfigureAwait(false), Policy);
            var body = await ReadBodyAsync(final, cancellationToken).ConfigureAwait(false);
            var message = ServiceMessage(body, call.Context.Masker, final.Content is BoundedContent { Truncated: true });
            var explanation = string.Join("; ", new[] { refusedWait, message }.Where(part => !string.IsNullOrEmpty(part)));
            return DeliveryOutcome.Failed(attempts, (explanation.Length > 0 ? $"{text}: {explanation}" : text) + AttemptsSuffix(attempts));
        }
    }

    /// <summary>
    /// The service's explanation from an error body: the <c>message</c>/<c>error</c>/<c>error_description</c>
    /// of a JSON body, else the text itself, on one line, masked and then shortened.
    /// </summary>
    /// <param name="body">The response body.</param>
    /// <param name="masker">The secrets to mask before the text is cut.</param>
    /// <param name="truncated">Whether the body was cut when it was read (its end is a cut: a secret there is masked in part).</param>
    public static string ServiceMessage(string body, SecretMasker masker, bool truncated = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(masker);
        var text = body.Trim();
        if (text.StartsWith('{') && !truncated)
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                foreach (var name in (string[])["message", "error_description", "error", "errors", "detail", "title"])
                {
                    if (json.RootElement.TryGetProperty(name, out var value))
                    {
                        text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? text : value.GetRawText();
                        break;
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the raw text is the message.
            }
        }

        text = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return masker.Shorten(truncated && text.Length > 0 ? text + "…" : text, MaxMessageLength);
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // At most a few KB: BoundedResponseHandler read it already.
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Encoding.UTF8.GetString(bytes);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }
}
