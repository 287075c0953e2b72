using System.Text.Json;
using SpecCake.Events;

namespace SpecCake.Integrations.Datadog;

/// <summary>
/// Datadog bodies: the four metrics of docs/design/integrations.md#datadog for <c>POST /api/v2/series</c> and an event for
/// <c>POST /api/v1/events</c>, both tagged with <c>event_tags</c> plus <c>spec_id</c>, <c>event</c>
/// and <c>repository</c>.
/// </summary>
internal static class DatadogPayload
{
    // Events API v1 (https://docs.datadoghq.com/api/latest/events/#post-an-event): title "Limited to
    // 100 characters", text "Limited to 4000 characters", aggregation_key at most 100; tags at most
    // 200 characters (https://docs.datadoghq.com/getting_started/tagging/#define-tags).
    internal const int MaxTitle = 100;
    internal const int MaxText = 4000;
    internal const int MaxAggregationKey = 100;
    internal const int MaxTag = 200;

    /// <summary>The Markdown fence around the text (<c>%%%</c> marks Markdown so links render).</summary>
    private const string MarkdownOpen = "%%% \n";
    private const string MarkdownClose = "\n %%%";

    // MetricIntakeType of the v2 intake.
    private const int Count = 1;
    private const int Gauge = 3;

    /// <summary><c>event_tags</c> plus the event's own tags.</summary>
    public static IReadOnlyList<string> Tags(SpecEvent specEvent, DatadogOptions options)
    {
        var tags = options.EventTags.Where(tag => !string.IsNullOrWhiteSpace(tag)).Select(tag => tag.Trim()).ToList();
        if (specEvent.Spec is { } spec)
        {
            tags.Add("spec_id:" + spec.Id);
        }

        tags.Add("event:" + specEvent.Name);
        if (specEvent.Repository is { } repository)
        {
            tags.Add("repository:" + repository);
        }

        return [.. tags.Select(tag => TextLimit.Truncate(TextLimit.SingleLine(tag), MaxTag)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// <c>processed</c> (count 1, every event), <c>success</c> (count 1, <c>implementation_completed</c>),
    /// <c>failure</c> (count 1, <c>implementation_failed</c>), <c>duration</c> (gauge, seconds, when <c>--duration</c> was given).
    /// </summary>
    public static IReadOnlyList<(string Name, int Type, double Value, string? Unit)> Metrics(SpecEvent specEvent, DatadogOptions options)
    {
        var prefix = string.IsNullOrWhiteSpace(options.MetricPrefix) ? "spec_ingestion" : options.MetricPrefix.Trim().TrimEnd('.');
        var metrics = new List<(string, int, double, string?)> { ($"{prefix}.processed", Count, 1, null) };
        if (!specEvent.IsTest && specEvent.Kind == SpecEventKind.ImplementationCompleted)
        {
            metrics.Add(($"{prefix}.success", Count, 1, null));
        }

        if (!specEvent.IsTest && specEvent.Kind == SpecEventKind.ImplementationFailed)
        {
            metrics.Add(($"{prefix}.failure", Count, 1, null));
        }

        if (specEvent.Duration is { } duration)
        {
            metrics.Add(($"{prefix}.duration", Gauge, Math.Round(duration.TotalSeconds, 3), "second"));
        }

        return metrics;
    }

    public static byte[] Series(SpecEvent specEvent, DatadogOptions options) => JsonBody.Write(json =>
    {
        var tags = Tags(specEvent, options);
        var timestamp = specEvent.Timestamp.ToUnixTimeSeconds();
        json.WriteStartObject();
        json.WriteStartArray("series");
        foreach (var (name, type, value, unit) in Metrics(specEvent, options))
        {
            json.WriteStartObject();
            json.WriteString("metric", name);
            json.WriteNumber("type", type);
            json.WriteStartArray("points");
            json.WriteStartObject();
            json.WriteNumber("timestamp", timestamp);
            json.WriteNumber("value", value);
            json.WriteEndObject();
            json.WriteEndArray();
            json.StringIfPresent("unit", unit);
            WriteTags(json, tags);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary><c>error</c> for failures, <c>success</c> for completions, merges and approvals, <c>info</c> otherwise.</summary>
    public static string AlertType(SpecEventMessage message) => message.Tone switch
    {
        MessageTone.Failure => "error",
        MessageTone.Success => "success",
        _ => "info",
    };

    public static byte[] Event(SpecEvent specEvent, DatadogOptions options) => JsonBody.Write(json =>
    {
        var message = SpecEventMessage.For(specEvent);
        json.WriteStartObject();
        json.WriteString("title", TextLimit.Truncate(
            TextLimit.SingleLine(message.Headline + (specEvent.Spec is { } spec ? $": {spec.Id} {spec.Title}" : string.Empty)), MaxTitle));

        // The text is Markdown: untrusted values escaped, the error text cut first to fit.
        var room = MaxText - MarkdownOpen.Length - MarkdownClose.Length;
        message = message.FitTo(room, fitted => Facts(fitted).Length, "Datadog");
        json.WriteString("text", MarkdownOpen + TextLimit.Truncate(Facts(message), room) + MarkdownClose);
        json.WriteString("alert_type", AlertType(message));
        json.WriteString("priority", "normal");
        json.WriteString("source_type_name", "speccake");
        json.WriteString("aggregation_key", Incident.Key(specEvent, ':', MaxAggregationKey));
        json.WriteNumber("date_happened", specEvent.Timestamp.ToUnixTimeSeconds());
        WriteTags(json, Tags(specEvent, options));
        json.WriteEndObject();
    });

    private static string Facts(SpecEventMessage message) =>
        string.Join("\n", message.Facts.Select(fact => $"- **{fact.Label}:** " + (fact.Url is null ? MarkdownText.Escape(fact.Text) : MarkdownText.Link(fact.Text, fact.Url))));

    private static void WriteTags(Utf8JsonWriter json, IReadOnlyList<string> tags)
    {
        json.WriteStartArray("tags");
        foreach (var tag in tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
    }
}
