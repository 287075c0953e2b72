using System.Globalization;
using System.Text.Json;
using SpecCake.Events;

namespace SpecCake.Integrations.Opsgenie;

/// <summary>
/// Opsgenie Alert API v2 bodies: create (<c>POST /v2/alerts</c>) with a <c>message</c> cut to
/// Opsgenie's 130 characters and an <c>alias</c> per repository and spec, and close by that alias
/// (<c>POST /v2/alerts/{alias}/close?identifierType=alias</c>).
/// </summary>
internal static class OpsgenieAlert
{
    // The Alert API's limits, in characters (Java string lengths, so UTF-16 units):
    // https://docs.opsgenie.com/docs/alert-api#create-alert (message 130, alias 512, description
    // 15,000, 20 tags of 50, details 8,000 in total, entity 512, source 100, user 100, note 25,000).
    public const int MaxMessageLength = 130;
    public const int MaxAliasLength = 512;
    public const int MaxDescriptionLength = 15000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
    public const int MaxDetailsLength = 8000;
    public const int MaxEntityLength = 512;
    public const int MaxSourceLength = 100;
    public const int MaxUserLength = 100;
    public const int MaxNoteLength = 25000;

    /// <summary>
    /// The details that give way first when the 8,000 are exceeded: the error text, then the longest
    /// free texts, then the links (<see cref="Links"/>), which are left out whole rather than cut.
    /// </summary>
    private static readonly string[] DetailsCutOrder = ["error", "title", "branch", "file", "repository", "logs_url", "pr_url"];

    /// <summary>The details that are addresses: half of one leads nowhere, so one is sent whole or not at all.</summary>
    private static readonly string[] Links = ["logs_url", "pr_url"];

    /// <summary>The priorities Opsgenie accepts.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["P1", "P2", "P3", "P4", "P5"];

    /// <summary>
    /// E.g. <c>speccake:org:repo:FEAT-0001</c>: no slashes, so it travels in the close URL's path
    /// without an encoded <c>%2F</c>, which proxies are apt to reject. Over 512 characters it ends in a
    /// hash of the whole, so it stays unique and the same for the alert and its close.
    /// </summary>
    public static string Alias(SpecEvent specEvent) => Incident.Key(specEvent, ':', MaxAliasLength);

    /// <summary>E.g. <c>FEAT-0001 User Authentication: implementation_failed: Schema validation failed</c>, cut to 130 at a word.</summary>
    public static string Message(SpecEvent specEvent)
    {
        var text = specEvent.IsTest ? "[TEST] SpecCake test message: Opsgenie is set up; close this alert." : Incident.Summary(specEvent);
        return TextLimit.Truncate(text, MaxMessageLength, atWord: true);
    }

    /// <summary><c>SpecCake (owner/repo)</c>, within Opsgenie's 100 characters.</summary>
    public static string Source(SpecEvent specEvent) =>
        TextLimit.Truncate(specEvent.Repository is { } repository ? $"SpecCake ({repository})" : "SpecCake", MaxSourceLength);

    public static byte[] Create(SpecEvent specEvent, OpsgenieOptions options) => JsonBody.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("message", Message(specEvent));
        json.WriteString("alias", Alias(specEvent));
        json.WriteString("description", TextLimit.Truncate(
            SpecEventMessage.For(specEvent).FitTo(MaxDescriptionLength, fitted => fitted.ToPlainText().Length, "Opsgenie").ToPlainText(), MaxDescriptionLength));
        json.WriteStartArray("tags");
        foreach (var tag in Tags(specEvent, options))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        WriteDetails(json, specEvent);
        json.StringIfPresent("entity", specEvent.Spec?.Id is { } id ? TextLimit.Truncate(id, MaxEntityLength) : null);
        json.WriteString("source", Source(specEvent));
        json.WriteString("priority", specEvent.IsTest ? "P5" : options.Priority.Trim().ToUpperInvariant());
        json.WriteEndObject();
    });

    public static byte[] Close(SpecEvent specEvent) => JsonBody.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("user", "SpecCake");
        json.WriteString("source", Source(specEvent));
        var note = $"{specEvent.Spec?.Id} reached {specEvent.Name}";
        if (specEvent.PullRequest is { } pr)
        {
            // The link whole, or left out and said so: never cut.
            var number = "PR #" + pr.Number.ToString(CultureInfo.InvariantCulture);
            var linked = pr.Url is null ? $"{note} ({number})" : $"{note} ({number}: {pr.Url})";
            note = linked.Length <= MaxNoteLength ? linked : $"{note} ({SpecEventMessage.LinkLeftOut(number, pr.Url!, "Opsgenie")})";
        }

        json.WriteString("note", TextLimit.Truncate(note, MaxNoteLength));
        json.WriteEndObject();
    });

    /// <summary>The configured tags, plus <c>test</c> on a test message; Opsgenie keeps at most 20 of 50 characters each.</summary>
    private static IEnumerable<string> Tags(SpecEvent specEvent, OpsgenieOptions options) =>
        options.Tags
            .Where(tag => !string.IsNullOrWhiteSpace(tag))
            .Select(tag => TextLimit.Truncate(TextLimit.SingleLine(tag), MaxTagLength))
            .Concat(specEvent.IsTest ? ["test"] : [])
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTags);

    /// <summary><c>details</c> is a map of strings in Opsgenie, 8,000 characters in all (keys and values).</summary>
    private static void WriteDetails(Utf8JsonWriter json, SpecEvent specEvent)
    {
        var details = Incident.Facts(specEvent);
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                details.Add(new(key, value));
            }
        }

        Add("pr_number", specEvent.PullRequest?.Number.ToString(CultureInfo.InvariantCulture));
        Add("pr_url", specEvent.PullRequest?.Url);
        Add("error", specEvent.Error is { } error ? TextLimit.Clean(error) : null);
        Add("logs_url", specEvent.LogsUrl);

        foreach (var key in DetailsCutOrder)
        {
            var over = details.Sum(pair => pair.Key.Length + pair.Value.Length) - MaxDetailsLength;
            var index = details.FindIndex(pair => pair.Key == key);
            if (over <= 0)
            {
                break;
            }

            if (index >= 0)
            {
                var value = details[index].Value;
                details[index] = new(key, Links.Contains(key)
                    ? string.Create(CultureInfo.InvariantCulture, $"(left out: {value.Length:N0} characters, more than Opsgenie's details take)")
                    : TextLimit.Truncate(value, Math.Max(0, value.Length - over)));
            }
        }

        json.WriteStartObject("details");
        foreach (var (key, value) in details)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
