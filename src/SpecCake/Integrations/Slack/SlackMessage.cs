using System.Text.Json;
using SpecCake.Events;

namespace SpecCake.Integrations.Slack;

/// <summary>
/// The Slack webhook body: a <c>text</c> fallback (notifications, old clients) and Block Kit
/// <c>blocks</c> (header, a section of the bullet facts of docs/design/integrations.md#message-examples, a context line), with
/// <c>mention_on_failure</c> turned into Slack's mention syntax on failure events.
/// </summary>
internal static class SlackMessage
{
    // Block Kit limits, in characters (https://api.slack.com/reference/block-kit/blocks): header text 150,
    // section text 3000, text objects 3000; the top-level text is truncated by Slack past 40,000
    // (https://api.slack.com/changelog/2018-04-truncating-really-long-messages). Counted in UTF-16
    // units, never fewer than the characters Slack counts.
    internal const int MaxHeader = 150;
    internal const int MaxSection = 3000;
    internal const int MaxText = 40_000;

    public static byte[] Render(SpecEvent specEvent, SlackOptions options)
    {
        var mentions = SpecEventMessage.For(specEvent).Tone == MessageTone.Failure ? Mentions(options.MentionOnFailure) : string.Empty;
        var lead = mentions.Length > 0 ? mentions + "\n" : string.Empty;
        // The error text and reviewers give way first, so ID, PR and the logs link always arrive.
        var message = SpecEventMessage.For(specEvent).FitTo(MaxSection, fitted => lead.Length + Bullets(fitted).Length, "Slack");
        var bullets = Bullets(message);

        return JsonBody.Write(json =>
        {
            json.WriteStartObject();
            if (!string.IsNullOrWhiteSpace(options.Channel))
            {
                json.WriteString("channel", options.Channel);
            }

            json.WriteString("text", TextLimit.Truncate((mentions.Length > 0 ? mentions + " " : string.Empty) + Escape(TextLimit.Truncate(Fallback(specEvent, message), MaxText / 5)), MaxText));
            json.WriteStartArray("blocks");

            json.WriteStartObject();
            json.WriteString("type", "header");
            json.WriteStartObject("text");
            json.WriteString("type", "plain_text");
            json.WriteString("text", TextLimit.Truncate(message.Title, MaxHeader));
            json.WriteBoolean("emoji", true);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartObject("text");
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", TextLimit.Truncate(lead + bullets, MaxSection));
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "context");
            json.WriteStartArray("elements");
            json.WriteStartObject();
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", $"SpecCake · `{specEvent.Name}` · {SpecEventPayload.FormatTimestamp(specEvent.Timestamp)}");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary><c>@channel</c> → <c>&lt;!channel&gt;</c>, <c>@here</c> → <c>&lt;!here&gt;</c>, a user ID <c>U…</c> → <c>&lt;@U…&gt;</c>, a group <c>S…</c> → <c>&lt;!subteam^S…&gt;</c>.</summary>
    internal static string Mentions(IReadOnlyList<string> configured) =>
        string.Join(" ", configured.Select(Mention).Where(mention => mention.Length > 0));

    private static string Mention(string value)
    {
        var trimmed = value.Trim().TrimStart('@');
        return trimmed.ToLowerInvariant() switch
        {
            "" => string.Empty,
            "channel" => "<!channel>",
            "here" => "<!here>",
            "everyone" => "<!everyone>",
            _ when value.Trim().StartsWith('<') => value.Trim(),
            _ when trimmed.StartsWith('S') && trimmed.All(char.IsLetterOrDigit) && trimmed.Any(char.IsDigit) => $"<!subteam^{trimmed}>",
            _ => $"<@{trimmed}>",
        };
    }

    /// <summary>The bullet facts (docs/design/integrations.md#message-examples) in mrkdwn, untrusted text escaped.</summary>
    private static string Bullets(SpecEventMessage message) =>
        string.Join("\n", message.Facts.Select(fact =>
            "• *" + Escape(fact.Label) + ":* " + (fact.Url is null ? Escape(fact.Text) : $"<{fact.Url}|{Escape(fact.Text)}>")));

    /// <summary>The notification line: one line, whatever the title holds.</summary>
    private static string Fallback(SpecEvent specEvent, SpecEventMessage message) =>
        specEvent.Spec is { } spec ? TextLimit.SingleLine($"{message.Title}: {spec.Id} {spec.Title}") : message.Title;

    /// <summary>Slack's three control characters in text (its own escaping rules).</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
