using System.Text.Json;
using SpecCake.Events;

namespace SpecCake.Integrations.Teams;

/// <summary>
/// The legacy Office 365 connector MessageCard: title, theme colour, facts, OpenUri actions. Every
/// text field of a MessageCard is Markdown ("be sure to escape Markdown special characters",
/// https://learn.microsoft.com/outlook/actionable-messages/message-card-reference), so untrusted
/// fact values are escaped (<see cref="MarkdownText"/>).
/// </summary>
internal static class TeamsMessageCard
{
    public static byte[] Render(SpecEvent specEvent) =>
        TeamsMessageSize.Fit(SpecEventMessage.For(specEvent), message => Render(message));

    private static byte[] Render(SpecEventMessage message)
    {
        var colour = message.Tone switch
        {
            MessageTone.Success => "2EB886",
            MessageTone.Failure => "D40E0D",
            _ => "0078D7",
        };

        return JsonBody.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("@type", "MessageCard");
            json.WriteString("@context", "https://schema.org/extensions");
            json.WriteString("summary", message.Title);
            json.WriteString("themeColor", colour);
            json.WriteString("title", message.Title);
            json.WriteStartArray("sections");
            json.WriteStartObject();
            json.WriteStartArray("facts");
            foreach (var fact in message.Facts)
            {
                json.WriteStartObject();
                json.WriteString("name", fact.Label);
                json.WriteString("value", fact.Url is null ? MarkdownText.Escape(fact.Text) : MarkdownText.Link(fact.Text, fact.Url));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("markdown", true);
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("potentialAction");
            foreach (var link in message.Links)
            {
                json.WriteStartObject();
                json.WriteString("@type", "OpenUri");
                json.WriteString("name", link.Title);
                json.WriteStartArray("targets");
                json.WriteStartObject();
                json.WriteString("os", "default");
                json.WriteString("uri", link.Url);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
