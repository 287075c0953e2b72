using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly.Timeout;

namespace SpecCake.Delivery;

/// <summary>
/// A delivery that is one HTTP request, sent through the integration's Polly pipeline
/// (<see cref="HttpResilience.Create"/>): retried on network errors, timeouts, 408, 429 and 5xx,
/// failed at once on any other 4xx with the service's own message.
/// </summary>
public sealed class HttpDelivery : PlannedDelivery
{
    private const int MaxMessageLength = 300;
    private readonly Func<HttpStatusCode, bool> isSuccess;

    /// <summary>Creates the delivery.</summary>
    /// <param name="target">The summary name and rate-limit key.</param>
    /// <param name="request">The request, built once: every attempt sends the same bytes and headers.</param>
    /// <param name="policy">How hard to try.</param>
    /// <param name="isSuccess">Which statuses mean delivered; any 2xx when null.</param>
    public HttpDelivery(string target, HttpRequestDescription request, RetryPolicy policy, Func<HttpStatusCode, bool>? isSuccess = null)
        : base(target, policy)
    {
        Request = request ?? throw new ArgumentNullException(nameof(request));
        this.isSuccess = isSuccess ?? (status => (int)status is >= 200 and < 300);
    }

    /// <summary>The request.</summary>
    public HttpRequestDescription Request { get; }

    /// <inheritdoc />
    public override string Describe() => Request.ToString();

    /// <inheritdoc />
    public override async Task<DeliveryOutcome> SendAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var attempts = 0;
        var pipeline = HttpResilience.Create(Policy, context.TimeProvider, args =>
        {
            var why = args.Outcome.Result is { } response
                ? $"HTTP {(int)response.StatusCode}"
                : args.Outcome.Exception?.GetType().Name ?? "error";
            LogRetry(context, why, args.RetryDelay, args.AttemptNumber);
            return ValueTask.CompletedTask;
        });

        HttpResponseMessage final;
        try
        {
            final = await pipeline.ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref attempts);
                    using var message = Request.ToMessage();
                    return await context.Http.SendAsync(message, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout)
        {
            var reason = timeout.Timeout >= Policy.TotalTimeout
                ? $"gave up after the total budget of {HttpResilience.Describe(Policy.TotalTimeout)}"
                : $"timed out: no answer within {HttpResilience.Describe(timeout.Timeout)}";
            return DeliveryOutcome.Failed(attempts, reason + AttemptsSuffix(attempts));
        }
        catch (HttpRequestException network)
        {
            return DeliveryOutcome.Failed(attempts, $"network error: {network.Message}{AttemptsSuffix(attempts)}");
        }

        using (final)
        {
            if (isSuccess(final.StatusCode))
            {
                return DeliveryOutcome.Sent(attempts);
            }

            var body = await ReadBodyAsync(final, cancellationToken).ConfigureAwait(false);
            var status = (int)final.StatusCode;
            var text = $"HTTP {status.ToString(CultureInfo.InvariantCulture)} {final.ReasonPhrase}".TrimEnd();
            var message = ServiceMessage(body);
            return DeliveryOutcome.Failed(attempts, (message.Length > 0 ? $"{text}: {message}" : text) + AttemptsSuffix(attempts));
        }
    }

    /// <summary>
    /// The service's explanation from an error body: the <c>message</c>/<c>error</c>/<c>error_description</c>
    /// of a JSON body, else the text itself, on one line and truncated.
    /// </summary>
    /// <param name="body">The response body.</param>
    public static string ServiceMessage(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = body.Trim();
        if (text.StartsWith('{'))
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
        return text.Length > MaxMessageLength ? text[..MaxMessageLength] + "..." : text;
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }
}
