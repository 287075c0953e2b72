using System.Text.Json;
using SpecCake.Events;

namespace SpecCake.Integrations.Teams;

/// <summary>
/// An Adaptive Card (schema 1.4) wrapped as <c>{"type":"message","attachments":[{"contentType":
/// "application/vnd.microsoft.card.adaptive","content":{...}}]}</c>: a colour-coded header
/// container (good / attention / accent), a FactSet, and <c>Action.OpenUrl</c> buttons.
/// </summary>
internal static class TeamsAdaptiveCard
{
    public static byte[] Render(SpecEvent specEvent)
    {
        var message = SpecEventMessage.For(specEvent);
        var style = message.Tone switch
        {
            MessageTone.Success => "good",
            MessageTone.Failure => "attention",
            _ => "accent",
        };

        return JsonBody.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteStartArray("attachments");
            json.WriteStartObject();
            json.WriteString("contentType", "application/vnd.microsoft.card.adaptive");
            json.WriteNull("contentUrl");
            json.WriteStartObject("content");
            json.WriteString("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
            json.WriteString("type", "AdaptiveCard");
            json.WriteString("version", "1.4");
            json.WriteStartObject("msteams");
            json.WriteString("width", "Full");
            json.WriteEndObject();

            json.WriteStartArray("body");
            json.WriteStartObject();
            json.WriteString("type", "Container");
            json.WriteString("style", style);
            json.WriteBoolean("bleed", true);
            json.WriteStartArray("items");
            json.WriteStartObject();
            json.WriteString("type", "TextBlock");
            json.WriteString("text", message.Title);
            json.WriteString("size", "Large");
            json.WriteString("weight", "Bolder");
            json.WriteBoolean("wrap", true);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "FactSet");
            json.WriteStartArray("facts");
            foreach (var fact in message.Facts)
            {
                json.WriteStartObject();
                json.WriteString("title", fact.Label);
                json.WriteString("value", fact.Url is null ? fact.Text : $"[{fact.Text}]({fact.Url})");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("actions");
            foreach (var link in message.Links)
            {
                json.WriteStartObject();
                json.WriteString("type", "Action.OpenUrl");
                json.WriteString("title", link.Title);
                json.WriteString("url", link.Url);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
