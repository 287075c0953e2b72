using System.Text.Json;
using SpecCake.Events;

namespace SpecCake.Integrations.Teams;

/// <summary>
/// An Adaptive Card (schema 1.4) wrapped as <c>{"type":"message","attachments":[{"contentType":
/// "application/vnd.microsoft.card.adaptive","content":{...}}]}</c>: a colour-coded header
/// container (good / attention / accent), one line per fact, and <c>Action.OpenUrl</c> buttons.
/// The facts are <c>RichTextBlock</c>s of <c>TextRun</c>s, whose text Adaptive Cards never read as
/// Markdown (https://adaptivecards.io/explorer/TextRun.html: "Markdown is not supported"), unlike a
/// FactSet's values, which Teams renders as Markdown and whose escapes it honours differently on
/// desktop and mobile: untrusted text can never become a link there.
/// </summary>
internal static class TeamsAdaptiveCard
{
    public static byte[] Render(SpecEvent specEvent) =>
        TeamsMessageSize.Fit(SpecEventMessage.For(specEvent), message => Render(specEvent, message));

    private static byte[] Render(SpecEvent specEvent, SpecEventMessage message)
    {
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

            foreach (var fact in message.Facts)
            {
                json.WriteStartObject();
                json.WriteString("type", "RichTextBlock");
                json.WriteString("spacing", "None");
                json.WriteStartArray("inlines");
                json.WriteStartObject();
                json.WriteString("type", "TextRun");
                json.WriteString("text", fact.Label + ": ");
                json.WriteString("weight", "Bolder");
                json.WriteEndObject();
                json.WriteStartObject();
                json.WriteString("type", "TextRun");
                json.WriteString("text", fact.Text);
                if (fact.Url is { } url)
                {
                    json.WriteStartObject("selectAction");
                    json.WriteString("type", "Action.OpenUrl");
                    json.WriteString("url", url);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

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
