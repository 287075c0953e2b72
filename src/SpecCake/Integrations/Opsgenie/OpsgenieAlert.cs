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
    /// <summary>Opsgenie's limit for <c>message</c>.</summary>
    public const int MaxMessageLength = 130;

    /// <summary>Opsgenie's limit for <c>description</c>.</summary>
    public const int MaxDescriptionLength = 15000;

    /// <summary>The priorities Opsgenie accepts.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["P1", "P2", "P3", "P4", "P5"];

    /// <summary>
    /// E.g. <c>speccake:org:repo:FEAT-0001</c>: no slashes, so it travels in the close URL's path
    /// without an encoded <c>%2F</c>, which proxies are apt to reject.
    /// </summary>
    public static string Alias(SpecEvent specEvent) => Incident.Key(specEvent, ':');

    /// <summary>E.g. <c>FEAT-0001 User Authentication: implementation_failed: Schema validation failed</c>, cut to 130.</summary>
    public static string Message(SpecEvent specEvent)
    {
        var text = specEvent.IsTest ? "[TEST] SpecCake test message: Opsgenie is set up; close this alert." : Incident.Summary(specEvent);
        return CutCleanly(text, MaxMessageLength);
    }

    /// <summary>
    /// Text within <paramref name="max"/> characters: whole when it fits, else cut at the last word
    /// boundary that leaves room for an ellipsis (or mid-word when a single word is that long).
    /// </summary>
    internal static string CutCleanly(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var room = max - 1;
        var space = text.LastIndexOf(' ', room);
        var cut = space >= max / 2 ? space : room;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd(' ', ',', ';', ':', '-', '—') + "…";
    }

    public static byte[] Create(SpecEvent specEvent, OpsgenieOptions options) => JsonBody.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("message", Message(specEvent));
        json.WriteString("alias", Alias(specEvent));
        json.WriteString("description", JsonBody.Truncate(SpecEventMessage.For(specEvent).ToPlainText(), MaxDescriptionLength));
        json.WriteStartArray("tags");
        foreach (var tag in Tags(specEvent, options))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        WriteDetails(json, specEvent);
        json.StringIfPresent("entity", specEvent.Spec?.Id);
        json.WriteString("source", specEvent.Repository is { } repository ? $"SpecCake ({repository})" : "SpecCake");
        json.WriteString("priority", specEvent.IsTest ? "P5" : options.Priority.Trim().ToUpperInvariant());
        json.WriteEndObject();
    });

    public static byte[] Close(SpecEvent specEvent) => JsonBody.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("user", "SpecCake");
        json.WriteString("source", specEvent.Repository is { } repository ? $"SpecCake ({repository})" : "SpecCake");
        var note = $"{specEvent.Spec?.Id} reached {specEvent.Name}";
        if (specEvent.PullRequest is { } pr)
        {
            note += " (PR #" + pr.Number.ToString(CultureInfo.InvariantCulture) + (pr.Url is null ? ")" : $": {pr.Url})");
        }

        json.WriteString("note", note);
        json.WriteEndObject();
    });

    /// <summary>The configured tags, plus <c>test</c> on a test message; Opsgenie keeps at most 20 of 50 characters each.</summary>
    private static IEnumerable<string> Tags(SpecEvent specEvent, OpsgenieOptions options) =>
        options.Tags
            .Where(tag => !string.IsNullOrWhiteSpace(tag))
            .Select(tag => JsonBody.Truncate(tag.Trim(), 50))
            .Concat(specEvent.IsTest ? ["test"] : [])
            .Distinct(StringComparer.Ordinal)
            .Take(20);

    /// <summary><c>details</c> is a map of strings in Opsgenie.</summary>
    private static void WriteDetails(Utf8JsonWriter json, SpecEvent specEvent)
    {
        json.WriteStartObject("details");
        Incident.WriteFacts(json, specEvent);
        json.StringIfPresent("pr_number", specEvent.PullRequest?.Number.ToString(CultureInfo.InvariantCulture));
        json.StringIfPresent("pr_url", specEvent.PullRequest?.Url);
        json.StringIfPresent("error", specEvent.Error);
        json.StringIfPresent("logs_url", specEvent.LogsUrl);
        json.WriteEndObject();
    }
}
