using System.Text.Json;
using SpecCake.Events;

namespace SpecCake.Integrations.Discord;

/// <summary>
/// The Discord webhook body: <c>username</c>, <c>avatar_url</c>, and one embed with the title,
/// a colour for the tone, the facts as fields, and the timestamp. Mentions are disabled so a
/// reviewer name such as <c>@team</c> never pings anyone.
/// </summary>
internal static class DiscordMessage
{
    /// <summary>Embed colours (decimal RGB): green, red, blurple.</summary>
    internal const int Green = 0x2ECC71;
    internal const int Red = 0xE74C3C;
    internal const int Blurple = 0x5865F2;

    // Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits),
    // in characters, which Discord counts as code points; UTF-16 units are never fewer, so counting
    // those keeps under every limit. Username: 1-80 characters (execute webhook).
    internal const int MaxTitle = 256;
    internal const int MaxDescription = 4096;
    internal const int MaxFields = 25;
    internal const int MaxFieldName = 256;
    internal const int MaxFieldValue = 1024;
    internal const int MaxFooter = 2048;
    internal const int MaxEmbedTotal = 6000;
    internal const int MaxUsername = 80;

    // The embed's own url (the title's link): Discord refuses one over 2048 characters.
    internal const int MaxUrl = 2048;

    public static byte[] Render(SpecEvent specEvent, DiscordOptions options)
    {
        var footer = "SpecCake · " + specEvent.Name;
        var message = SpecEventMessage.For(specEvent);
        var title = TextLimit.Truncate(message.Title, MaxTitle);

        // A link is never cut (half an address leads nowhere). One too long for its field (1024) is
        // shown in the description (4096) instead; one too long even for that is left out, and its
        // field says so. The 6000 counts title, description, field names and values and the footer.
        foreach (var url in message.Facts.Where(fact => fact.Url is not null && DescriptionLine(fact).Length > MaxDescription).Select(fact => fact.Url!).Distinct().ToArray())
        {
            message = message.WithoutLink(url, "Discord");
        }

        message = message.FitTo(MaxEmbedTotal, fitted => title.Length + footer.Length + Description(fitted).Length + Fields(fitted).Sum(field => field.Name.Length + field.Value.Length), "Discord");
        while (Description(message).Length > MaxDescription && message.Facts.Where(InDescription).MaxBy(fact => fact.Url!.Length) is { } longest)
        {
            message = message.WithoutLink(longest.Url!, "Discord");
        }

        var description = Description(message);
        var embedUrl = specEvent.PullRequest?.Url ?? specEvent.SpecUrl;
        return JsonBody.Write(json =>
        {
            json.WriteStartObject();
            if (!string.IsNullOrWhiteSpace(options.Username))
            {
                json.WriteString("username", TextLimit.Truncate(options.Username.Trim(), MaxUsername));
            }

            if (!string.IsNullOrWhiteSpace(options.AvatarUrl))
            {
                json.WriteString("avatar_url", options.AvatarUrl);
            }

            // No @everyone, @here, role or user ping, whatever the text holds.
            json.WriteStartObject("allowed_mentions");
            json.WriteStartArray("parse");
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartArray("embeds");
            json.WriteStartObject();
            json.WriteString("title", title);
            if (embedUrl is { Length: <= MaxUrl })
            {
                json.WriteString("url", embedUrl);
            }

            if (description.Length > 0)
            {
                json.WriteString("description", description);
            }

            json.WriteNumber("color", message.Tone switch
            {
                MessageTone.Success => Green,
                MessageTone.Failure => Red,
                _ => Blurple,
            });
            json.WriteStartArray("fields");
            foreach (var (name, value, inline) in Fields(message))
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("value", value);
                json.WriteBoolean("inline", inline);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("footer");
            json.WriteString("text", footer);
            json.WriteEndObject();
            json.WriteString("timestamp", SpecEventPayload.FormatTimestamp(specEvent.Timestamp));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// The embed fields as sent: untrusted text escaped (<see cref="Escape"/>) and cut to 1024,
    /// SpecCake's own links as masked links, whole; a link fact too long for a field is in the
    /// description instead (<see cref="InDescription"/>).
    /// </summary>
    private static IEnumerable<(string Name, string Value, bool Inline)> Fields(SpecEventMessage message) =>
        message.Facts.Where(fact => !InDescription(fact)).Take(MaxFields).Select(fact => (
            TextLimit.Truncate(fact.Label, MaxFieldName),
            fact.Url is null ? TruncateEscaped(fact.Text, MaxFieldValue) : MarkdownText.Link(fact.Text, fact.Url),
            fact.Label is "ID" or "Branch" or "PR"));

    /// <summary>The links too long for a field, one line each (<c>**Logs:** [View Details](…)</c>); empty when every link fits its field.</summary>
    private static string Description(SpecEventMessage message) =>
        string.Join("\n", message.Facts.Where(InDescription).Select(DescriptionLine));

    private static bool InDescription(MessageFact fact) =>
        fact.Url is not null && MarkdownText.Link(fact.Text, fact.Url).Length > MaxFieldValue;

    private static string DescriptionLine(MessageFact fact) =>
        $"**{Escape(fact.Label)}:** {MarkdownText.Link(fact.Text, fact.Url!)}";

    /// <summary>
    /// Discord Markdown escaped, and mentions made inert: <c>&lt;@id&gt;</c> is escaped with the rest, and a
    /// zero-width space after the <c>@</c> of <c>@everyone</c>/<c>@here</c> (as discord.py's
    /// <c>escape_mentions</c> does) so they do not even look like a mention; <c>allowed_mentions</c> stops the pings.
    /// </summary>
    internal static string Escape(string text) =>
        MarkdownText.Escape(text)
            .Replace("@everyone", "@\u200beveryone", StringComparison.OrdinalIgnoreCase)
            .Replace("@here", "@\u200bhere", StringComparison.OrdinalIgnoreCase);

    /// <summary>The escaped text within <paramref name="max"/>: cut before escaping, so no escape is split in half.</summary>
    private static string TruncateEscaped(string text, int max)
    {
        var escaped = Escape(text);
        var keep = text.Length;
        while (escaped.Length > max && keep > 0)
        {
            keep = Math.Max(0, keep - (escaped.Length - max) - 1);
            escaped = Escape(TextLimit.Truncate(text, keep));
        }

        return escaped;
    }
}
