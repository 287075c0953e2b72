using System.Net;
using System.Text;
using MimeKit;
using SpecCake.Events;

namespace SpecCake.Integrations.Email;

/// <summary>
/// The email: subject <c>{emoji} [{event}] {ID}: {title}</c>, a multipart/alternative body with the
/// same facts and links as plain text and as HTML.
/// </summary>
internal static class EmailMessage
{
    /// <summary>
    /// A subject is one header line (RFC 5322 §2.2) that MimeKit folds and encodes; 255 characters keep
    /// it readable in every client and far from the 998-character line limit (RFC 5322 §2.1.1).
    /// </summary>
    internal const int MaxSubject = 255;

    public static MimeMessage Render(SpecEvent specEvent, string from, IReadOnlyList<string> recipients)
    {
        var message = SpecEventMessage.For(specEvent);
        var mail = new MimeMessage
        {
            Subject = Subject(specEvent, message),
            Date = specEvent.Timestamp,
        };
        mail.From.Add(MailboxAddress.Parse(from));
        foreach (var recipient in recipients)
        {
            mail.To.Add(MailboxAddress.Parse(recipient));
        }

        mail.Headers.Add("X-SpecCake-Event", specEvent.Name);
        var body = new BodyBuilder { TextBody = Text(message), HtmlBody = Html(message) };
        mail.Body = body.ToMessageBody();
        return mail;
    }

    internal static string Subject(SpecEvent specEvent, SpecEventMessage message)
    {
        if (specEvent.IsTest)
        {
            return message.Title;
        }

        var about = specEvent.Spec is { } spec
            ? $"{spec.Id}: {spec.Title}"
            : specEvent.Error ?? specEvent.Repository?.ToString() ?? message.Headline;
        return TextLimit.Truncate(TextLimit.SingleLine($"{message.Emoji} [{specEvent.Name}] {about}"), MaxSubject, atWord: true);
    }

    private static string Text(SpecEventMessage message)
    {
        var text = new StringBuilder(message.ToPlainText()).Append("\n\n");
        foreach (var link in message.Links)
        {
            text.Append(link.Title).Append(": ").Append(link.Url).Append('\n');
        }

        return text.Append("\n-- \nSent by SpecCake\n").ToString();
    }

    private static string Html(SpecEventMessage message)
    {
        var colour = message.Tone switch
        {
            MessageTone.Success => "#2eb886",
            MessageTone.Failure => "#d40e0d",
            _ => "#0078d7",
        };

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append("<h2 style=\"color:").Append(colour).Append("\">").Append(WebUtility.HtmlEncode(message.Title)).Append("</h2>");
        html.Append("<table cellpadding=\"4\">");
        foreach (var fact in message.Facts)
        {
            var value = WebUtility.HtmlEncode(fact.Text).Replace("\n", "<br>", StringComparison.Ordinal);
            if (fact.Url is not null)
            {
                value = $"<a href=\"{WebUtility.HtmlEncode(fact.Url)}\">{value}</a>";
            }

            html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(fact.Label)).Append("</th><td>").Append(value).Append("</td></tr>");
        }

        html.Append("</table><p>");
        html.AppendJoin(" · ", message.Links.Select(link => $"<a href=\"{WebUtility.HtmlEncode(link.Url)}\">{WebUtility.HtmlEncode(link.Title)}</a>"));
        html.Append("</p><p style=\"color:#888\">Sent by SpecCake</p></body></html>");
        return html.ToString();
    }
}
