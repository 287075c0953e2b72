using SpecCake.Events;

namespace SpecCake.Integrations.NewRelic;

/// <summary>
/// The New Relic Event API body: a JSON array holding one flat event of <c>event_type</c> whose
/// attributes (<c>spec_id</c>, <c>event</c>, <c>title</c>, <c>status</c>, <c>pr_number</c>,
/// <c>duration</c>, <c>repository</c>, <c>error</c>) NRQL can filter on; unknown values are left out.
/// </summary>
internal static class NewRelicEvent
{
    /// <summary>
    /// New Relic's limit for a string attribute sent through the Event API: 4096 characters
    /// (https://docs.newrelic.com/docs/data-apis/custom-data/custom-events/data-requirements-limits-custom-event-data/).
    /// </summary>
    public const int MaxStringLength = 4096;

    public static byte[] Serialize(SpecEvent specEvent, NewRelicOptions options) => JsonBody.Write(json =>
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("eventType", EventType(options));
        json.WriteNumber("timestamp", specEvent.Timestamp.ToUnixTimeSeconds());
        json.StringIfPresent("spec_id", specEvent.Spec?.Id);
        json.WriteString("event", specEvent.Name);
        json.StringIfPresent("title", specEvent.Spec?.Title is { } title ? Limit(title) : null);
        json.StringIfPresent("status", specEvent.Spec is { } spec ? SpecEventPayload.StatusName(spec.Status) : null);
        if (specEvent.PullRequest is { } pr)
        {
            json.WriteNumber("pr_number", pr.Number);
        }

        if (specEvent.Duration is { } duration)
        {
            json.WriteNumber("duration", Math.Round(duration.TotalSeconds, 3));
        }

        json.StringIfPresent("repository", specEvent.Repository?.ToString() is { } repository ? Limit(repository) : null);
        json.StringIfPresent("error", specEvent.Error is { } error ? Limit(error) : null);
        if (specEvent.IsTest)
        {
            json.WriteBoolean("test", true);
        }

        json.WriteEndObject();
        json.WriteEndArray();
    });

    /// <summary>The configured type, default <c>SpecIngestion</c>.</summary>
    public static string EventType(NewRelicOptions options) =>
        string.IsNullOrWhiteSpace(options.EventType) ? "SpecIngestion" : options.EventType.Trim();

    private static string Limit(string text) => TextLimit.Truncate(TextLimit.Clean(text), MaxStringLength);
}
