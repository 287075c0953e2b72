using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SpecCake.Tests.Integrations;

/// <summary>A request body as a server received it: its text and its JSON.</summary>
internal sealed record Received(string Raw, JsonNode Json);

/// <summary>What a service counts when it states a limit.</summary>
internal enum Count
{
    /// <summary>UTF-16 code units: a Java or JavaScript string's length.</summary>
    Utf16,

    /// <summary>Unicode code points (Python, Rust and Elixir services count these).</summary>
    CodePoints,

    /// <summary>UTF-8 bytes.</summary>
    Utf8Bytes,

    /// <summary>The number of values found (array items, fields).</summary>
    Items,
}

/// <summary>How the values a rule finds are held to its maximum.</summary>
internal enum Measure
{
    /// <summary>Every value on its own.</summary>
    Each,

    /// <summary>All values added up.</summary>
    Total,
}

/// <summary>One documented limit: the values it applies to, the maximum, and where it is written.</summary>
internal sealed record Rule(string What, Func<Received, IEnumerable<string>> Values, int Max, Count Count, string Source, Measure Measure = Measure.Each, bool OneLine = false)
{
    public IEnumerable<string> Violations(Received body)
    {
        var values = Values(body).ToList();
        if (Count == Count.Items)
        {
            if (values.Count > Max)
            {
                yield return $"{What}: {values.Count} items > {Max} ({Source})";
            }

            yield break;
        }

        var sizes = values.Select(value => Size(value, Count)).ToList();
        if (Measure == Measure.Total && sizes.Sum() > Max)
        {
            yield return $"{What}: {sizes.Sum()} in total > {Max} {Count} ({Source})";
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (Measure == Measure.Each && sizes[i] > Max)
            {
                yield return $"{What}: {sizes[i]} > {Max} {Count} ({Source}): {Preview(values[i])}";
            }

            if (OneLine && values[i].AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                yield return $"{What}: contains a line break ({Source}): {Preview(values[i])}";
            }
        }
    }

    public static int Size(string value, Count count) => count switch
    {
        Count.Utf16 => value.Length,
        Count.CodePoints => value.EnumerateRunes().Count(),
        Count.Utf8Bytes => Encoding.UTF8.GetByteCount(value),
        _ => throw new ArgumentOutOfRangeException(nameof(count)),
    };

    private static string Preview(string value) => value.Length <= 80 ? value : value[..80] + "…";
}

/// <summary>
/// Each service's documented limits, stated here independently of the production constants so
/// that the tests can fail. One table per service; the sources are the services' own documents.
/// </summary>
internal static class ServiceLimits
{
    /// <summary>JSON strings under a dotted path; <c>name[*]</c> walks an array, <c>*</c> every value of an object.</summary>
    public static IEnumerable<string> Strings(JsonNode? node, string path) =>
        Nodes(node, path).OfType<JsonValue>().Where(value => value.TryGetValue<string>(out _)).Select(value => value.GetValue<string>());

    public static IEnumerable<JsonNode> Nodes(JsonNode? node, string path)
    {
        IEnumerable<JsonNode?> current = [node];
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var all = segment.EndsWith("[*]", StringComparison.Ordinal);
            var name = all ? segment[..^3] : segment;
            var index = -1;
            if (!all && name.EndsWith(']'))
            {
                var open = name.IndexOf('[', StringComparison.Ordinal);
                index = int.Parse(name[(open + 1)..^1], CultureInfo.InvariantCulture);
                name = name[..open];
            }

            current = current.SelectMany(item =>
            {
                if (name == "*")
                {
                    return item is JsonObject every ? every.Select(pair => pair.Value) : [];
                }

                var child = name.Length == 0 ? item : (item as JsonObject)?[name];
                if (all)
                {
                    return child is JsonArray array ? array : (IEnumerable<JsonNode?>)[];
                }

                if (index >= 0)
                {
                    return child is JsonArray array && index < array.Count ? [array[index]] : [];
                }

                return [child];
            }).ToList();
        }

        return current.Where(item => item is not null)!;
    }

    private static IEnumerable<string> Body(Received received) => [received.Raw];

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly IReadOnlyList<Rule> Slack =
    [
        // https://api.slack.com/reference/block-kit/blocks#header: "Maximum length for the text in this field is 150 characters."
        new("header text", received => Strings(received.Json, "blocks[0].text.text"), 150, Count.Utf16, "Block Kit header block"),
        // https://api.slack.com/reference/block-kit/blocks#section: "Maximum length for the text in this field is 3000 characters."
        new("section text", received => Strings(received.Json, "blocks[1].text.text"), 3000, Count.Utf16, "Block Kit section block"),
        // https://api.slack.com/reference/block-kit/composition-objects#text: text objects, 3000 characters.
        new("context text", received => Strings(received.Json, "blocks[2].elements[*].text"), 3000, Count.Utf16, "Block Kit text object"),
        // https://api.slack.com/changelog/2018-04-truncating-really-long-messages: text over 40,000 characters is truncated.
        new("text", received => Strings(received.Json, "text"), 40_000, Count.Utf16, "Slack changelog 2018-04, 40,000 characters"),
    ];

    public static readonly IReadOnlyList<Rule> Discord =
    [
        // https://discord.com/developers/docs/resources/message#embed-object-embed-limits (discord-api-types, twilight count code points).
        new("embed title", received => Strings(received.Json, "embeds[*].title"), 256, Count.CodePoints, "Discord embed limits"),
        new("embed fields", received => Nodes(received.Json, "embeds[0].fields[*]").Select(_ => string.Empty), 25, Count.Items, "Discord embed limits"),
        new("field name", received => Strings(received.Json, "embeds[*].fields[*].name"), 256, Count.CodePoints, "Discord embed limits"),
        new("field value", received => Strings(received.Json, "embeds[*].fields[*].value"), 1024, Count.CodePoints, "Discord embed limits"),
        new("footer text", received => Strings(received.Json, "embeds[*].footer.text"), 2048, Count.CodePoints, "Discord embed limits"),
        new("embed total", received => Strings(received.Json, "embeds[*].title").Concat(Strings(received.Json, "embeds[*].description"))
            .Concat(Strings(received.Json, "embeds[*].fields[*].name")).Concat(Strings(received.Json, "embeds[*].fields[*].value"))
            .Concat(Strings(received.Json, "embeds[*].footer.text")).Concat(Strings(received.Json, "embeds[*].author.name")), 6000, Count.CodePoints, "Discord embed limits: 6000 characters in all embeds", Measure.Total),
        new("embed description", received => Strings(received.Json, "embeds[*].description"), 4096, Count.CodePoints, "Discord embed limits"),
        // Discord answers "Must be 2048 or fewer in length." for a longer embed url (discord-api-docs #6531 lists the URL limits).
        new("embed url", received => Strings(received.Json, "embeds[*].url"), 2048, Count.CodePoints, "Discord embed url"),
        // https://discord.com/developers/docs/resources/webhook#execute-webhook: username 1-80 characters.
        new("username", received => Strings(received.Json, "username"), 80, Count.CodePoints, "Discord execute webhook"),
    ];

    public static readonly IReadOnlyList<Rule> Teams =
    [
        // https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook: "The message size limit is 28 KB."
        new("message", Body, 28_000, Count.Utf8Bytes, "Teams incoming webhook, 28 KB"),
    ];

    public static readonly IReadOnlyList<Rule> PagerDuty =
    [
        // https://developer.pagerduty.com/docs/events-api-v2/trigger-events/: summary max 1024 characters, dedup_key max 255, 512 KB per event.
        new("payload.summary", received => Strings(received.Json, "payload.summary"), 1024, Count.Utf16, "PagerDuty Events API v2"),
        new("dedup_key", received => Strings(received.Json, "dedup_key"), 255, Count.Utf16, "PagerDuty Events API v2"),
        new("event", Body, 512 * 1024, Count.Utf8Bytes, "PagerDuty Events API v2, 512 KB"),
    ];

    public static readonly IReadOnlyList<Rule> Opsgenie =
    [
        // https://docs.opsgenie.com/docs/alert-api#create-alert and the CreateAlertRequest schema.
        new("message", received => Strings(received.Json, "message"), 130, Count.Utf16, "Opsgenie Alert API"),
        new("alias", received => Strings(received.Json, "alias"), 512, Count.Utf16, "Opsgenie Alert API"),
        new("description", received => Strings(received.Json, "description"), 15_000, Count.Utf16, "Opsgenie Alert API"),
        new("tags", received => Strings(received.Json, "tags[*]"), 20, Count.Items, "Opsgenie: at most 20 tags"),
        new("tag", received => Strings(received.Json, "tags[*]"), 50, Count.Utf16, "Opsgenie: tags of at most 50 characters"),
        new("details", received => (received.Json["details"] as JsonObject ?? []).SelectMany(pair => new[] { pair.Key, pair.Value?.GetValue<string>() ?? string.Empty }), 8000, Count.Utf16, "Opsgenie: details 8000 characters in total", Measure.Total),
        new("entity", received => Strings(received.Json, "entity"), 512, Count.Utf16, "Opsgenie Alert API"),
        new("source", received => Strings(received.Json, "source"), 100, Count.Utf16, "Opsgenie Alert API"),
        new("user", received => Strings(received.Json, "user"), 100, Count.Utf16, "Opsgenie Alert API"),
        new("note", received => Strings(received.Json, "note"), 25_000, Count.Utf16, "Opsgenie Alert API"),
    ];

    public static readonly IReadOnlyList<Rule> Datadog =
    [
        // https://docs.datadoghq.com/api/latest/events/#post-an-event: title "Limited to 100 characters", text "Limited to 4000 characters".
        new("title", received => Strings(received.Json, "title"), 100, Count.Utf16, "Datadog Events API v1"),
        new("text", received => Strings(received.Json, "text"), 4000, Count.Utf16, "Datadog Events API v1"),
        new("aggregation_key", received => Strings(received.Json, "aggregation_key"), 100, Count.Utf16, "Datadog Events API v1"),
        // https://docs.datadoghq.com/getting_started/tagging/#define-tags: "Tags can be up to 200 characters long".
        new("tag", received => Strings(received.Json, "tags[*]").Concat(Strings(received.Json, "series[*].tags[*]")), 200, Count.Utf16, "Datadog tags", OneLine: true),
    ];

    public static readonly IReadOnlyList<Rule> NewRelic =
    [
        // https://docs.newrelic.com/docs/data-apis/custom-data/custom-events/data-requirements-limits-custom-event-data/
        new("attribute value", received => Strings(received.Json, "[*].*"), 4096, Count.Utf16, "New Relic Event API: 4096 characters"),
        new("payload", Body, 1_000_000, Count.Utf8Bytes, "New Relic: 1 MB per POST"),
    ];

    public static readonly IReadOnlyList<Rule> Sentry =
    [
        // https://docs.sentry.io/platforms/dotnet/enriching-events/tags/: keys ≤ 32, values ≤ 200 without newline.
        new("tag key", received => (received.Json["tags"] as JsonObject ?? []).Select(pair => pair.Key), 32, Count.CodePoints, "Sentry tags"),
        new("tag value", received => Strings(received.Json, "tags.*"), 200, Count.CodePoints, "Sentry tags", OneLine: true),
        // https://develop.sentry.dev/sdk/data-model/event-payloads/message/: formatted message, 8192 characters.
        new("message", received => Strings(received.Json, "message.formatted").Concat(Strings(received.Json, "message.message")).Concat(Strings(received.Json, "logentry.message")), 8192, Count.CodePoints, "Sentry message interface"),
        // https://develop.sentry.dev/sdk/data-handling/#variable-size: "Extra contextual data is limited to 4096 characters."
        new("extra value", received => Strings(received.Json, "extra.*"), 4096, Count.CodePoints, "Sentry data handling, extra data"),
    ];

    public static readonly IReadOnlyList<Rule> Jira =
    [
        // Jira answers "Summary must be less than 255 characters." and "The summary is invalid because it contains newline characters."
        new("summary", received => Strings(received.Json, "fields.summary"), 255, Count.Utf16, "Jira issue summary", OneLine: true),
        // jira.text.field.character.limit defaults to 32,767 characters; counted on the serialized document here.
        new("description", received => Nodes(received.Json, "fields.description").Select(value => value is JsonValue text ? text.GetValue<string>() : value.ToJsonString(Relaxed)), 32_767, Count.Utf16, "Jira text field limit"),
        new("acceptance criteria field", received => Nodes(received.Json, "fields.customfield_10002").Select(value => value is JsonValue text ? text.GetValue<string>() : value.ToJsonString(Relaxed)), 32_767, Count.Utf16, "Jira text field limit"),
        // Labels: at most 255 characters, no spaces.
        new("label", received => Strings(received.Json, "fields.labels[*]"), 255, Count.Utf16, "Jira labels", OneLine: true),
    ];

    public static readonly IReadOnlyList<Rule> Linear =
    [
        // Linear publishes no title limit; SpecCake holds every tracker title to 255 and one line.
        new("title", received => Strings(received.Json, "variables.input.title"), 255, Count.Utf16, "tracker titles", OneLine: true),
    ];

    public static readonly IReadOnlyList<Rule> AzureDevOps =
    [
        // https://learn.microsoft.com/azure/devops/boards/work-items/guidance/work-item-field: String fields hold up to 255 characters.
        new("System.Title", received => Nodes(received.Json, "[*]").Where(op => (string?)op["path"] == "/fields/System.Title").SelectMany(op => Strings(op, "value")), 255, Count.Utf16, "Azure DevOps string field", OneLine: true),
    ];

    public static readonly IReadOnlyList<Rule> GitHubProjects =
    [
        // GitHub answers "title is too long (maximum is 256 characters)" and "body is too long (maximum is 65536 characters)".
        new("draft title", received => Strings(received.Json, "variables.input.title"), 256, Count.Utf16, "GitHub issue title", OneLine: true),
        new("draft body", received => Strings(received.Json, "variables.input.body"), 65_536, Count.Utf16, "GitHub issue body"),
    ];
}
