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

    public static byte[] Render(SpecEvent specEvent, DiscordOptions options)
    {
        var message = SpecEventMessage.For(specEvent);
        return JsonBody.Write(json =>
        {
            json.WriteStartObject();
            if (!string.IsNullOrWhiteSpace(options.Username))
            {
                json.WriteString("username", options.Username);
            }

            if (!string.IsNullOrWhiteSpace(options.AvatarUrl))
            {
                json.WriteString("avatar_url", options.AvatarUrl);
            }

            json.WriteStartObject("allowed_mentions");
            json.WriteStartArray("parse");
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartArray("embeds");
            json.WriteStartObject();
            json.WriteString("title", Truncate(message.Title, 256));
            if ((specEvent.PullRequest?.Url ?? specEvent.SpecUrl) is { } url)
            {
                json.WriteString("url", url);
            }

            json.WriteNumber("color", message.Tone switch
            {
                MessageTone.Success => Green,
                MessageTone.Failure => Red,
                _ => Blurple,
            });
            json.WriteStartArray("fields");
            foreach (var fact in message.Facts.Take(25))
            {
                json.WriteStartObject();
                json.WriteString("name", fact.Label);
                json.WriteString("value", Truncate(fact.Url is null ? fact.Text : $"[{fact.Text}]({fact.Url})", 1024));
                json.WriteBoolean("inline", fact.Label is "ID" or "Branch" or "PR");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("footer");
            json.WriteString("text", "SpecCake · " + specEvent.Name);
            json.WriteEndObject();
            json.WriteString("timestamp", SpecEventPayload.FormatTimestamp(specEvent.Timestamp));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
