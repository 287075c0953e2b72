using System.Globalization;
using System.Text.Json;
using SpecCake.Events;
using SpecCake.Specs;

namespace SpecCake.Integrations.PagerDuty;

/// <summary>
/// PagerDuty Events API v2 bodies (<c>POST /v2/enqueue</c>): a <c>trigger</c> with the alert's
/// payload, links and a <c>dedup_key</c> per repository and spec, or a <c>resolve</c> with that key.
/// </summary>
internal static class PagerDutyEvent
{
    // Events API v2 limits (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/):
    // payload.summary at most 1024 characters, dedup_key at most 255, an event at most 512 KB.
    public const int MaxSummaryLength = 1024;
    public const int MaxDedupKeyLength = 255;

    /// <summary>The error text in <c>custom_details</c>, in UTF-8 bytes: whole for any real error, and the event stays far below 512 KB.</summary>
    public const int MaxErrorBytes = 64 * 1024;

    /// <summary>The severities the Events API accepts.</summary>
    public static readonly IReadOnlyList<string> Severities = ["critical", "error", "warning", "info"];

    public static string DedupKey(SpecEvent specEvent) => Incident.Key(specEvent, '/', MaxDedupKeyLength);

    /// <summary><c>critical</c> for a SEV1 spec (it pages at once: docs/design/integrations.md#pagerduty), <c>info</c> for a test message, else the configured severity.</summary>
    public static string Severity(SpecEvent specEvent, PagerDutyOptions options) =>
        specEvent.IsTest ? "info"
        : specEvent.Spec?.Severity == SpecSeverity.Sev1 ? "critical"
        : options.Severity.Trim().ToLowerInvariant();

    /// <summary>E.g. <c>FEAT-0001 User Authentication: implementation_failed: Schema validation failed</c>.</summary>
    public static string Summary(SpecEvent specEvent)
    {
        var text = specEvent.IsTest ? "[TEST] SpecCake test message: PagerDuty is set up; resolve this alert." : Incident.Summary(specEvent);
        return TextLimit.Truncate(text, MaxSummaryLength);
    }

    public static byte[] Trigger(SpecEvent specEvent, PagerDutyOptions options, string routingKey) => JsonBody.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("routing_key", routingKey);
        json.WriteString("event_action", "trigger");
        json.WriteString("dedup_key", DedupKey(specEvent));
        json.WriteStartObject("payload");
        json.WriteString("summary", Summary(specEvent));
        json.WriteString("source", specEvent.Repository?.ToString() ?? "speccake");
        json.WriteString("severity", Severity(specEvent, options));
        json.WriteString("timestamp", SpecEventPayload.FormatTimestamp(specEvent.Timestamp));
        json.StringIfPresent("component", string.IsNullOrWhiteSpace(options.Component) ? null : options.Component.Trim());
        json.StringIfPresent("group", specEvent.Repository?.Name);
        json.WriteString("class", specEvent.Name);
        WriteCustomDetails(json, specEvent);
        json.WriteEndObject();
        json.WriteString("client", "SpecCake");
        json.StringIfPresent("client_url", specEvent.LogsUrl ?? specEvent.PullRequest?.Url);
        WriteLinks(json, specEvent);
        json.WriteEndObject();
    });

    public static byte[] Resolve(SpecEvent specEvent, string routingKey) => JsonBody.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("routing_key", routingKey);
        json.WriteString("event_action", "resolve");
        json.WriteString("dedup_key", DedupKey(specEvent));
        json.WriteEndObject();
    });

    private static void WriteCustomDetails(Utf8JsonWriter json, SpecEvent specEvent)
    {
        json.WriteStartObject("custom_details");
        Incident.WriteFacts(json, specEvent);
        json.StringIfPresent("owner", specEvent.Spec?.Owner);
        if (specEvent.PullRequest is { } pr)
        {
            json.WriteNumber("pr_number", pr.Number);
        }

        json.StringIfPresent("error", specEvent.Error is { } text ? TextLimit.Truncate(TextLimit.Clean(text), MaxErrorBytes, TextUnit.Utf8Bytes) : null);
        if (specEvent.ValidationErrors.Count > 0)
        {
            json.WriteStartArray("validation_errors");
            foreach (var error in specEvent.ValidationErrors.Take(20))
            {
                json.WriteStringValue(error.ToString());
            }

            json.WriteEndArray();
        }

        if (specEvent.Duration is { } duration)
        {
            json.WriteNumber("duration_seconds", Math.Round(duration.TotalSeconds, 3));
        }

        json.StringIfPresent("logs_url", specEvent.LogsUrl);
        if (specEvent.IsTest)
        {
            json.WriteBoolean("test", true);
        }

        json.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter json, SpecEvent specEvent)
    {
        var links = new List<(string Href, string Text)>();
        if (specEvent.PullRequest is { Url: { } prUrl } pr)
        {
            links.Add((prUrl, "Pull request #" + pr.Number.ToString(CultureInfo.InvariantCulture)));
        }

        if (specEvent.LogsUrl is { } logs)
        {
            links.Add((logs, "Logs"));
        }

        if (specEvent.SpecUrl is { } specUrl)
        {
            links.Add((specUrl, "Spec"));
        }

        if (links.Count == 0)
        {
            return;
        }

        json.WriteStartArray("links");
        foreach (var (href, text) in links)
        {
            json.WriteStartObject();
            json.WriteString("href", href);
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
