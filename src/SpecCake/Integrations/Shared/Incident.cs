using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SpecCake.Events;

namespace SpecCake.Integrations;

/// <summary>
/// What the incident and error tools (PagerDuty, Opsgenie, Datadog events, Sentry) share: the
/// identity of "this spec is failing in this repository", the one-line summary, when a success
/// closes the alert, and the spec facts every alert carries.
/// </summary>
internal static class Incident
{
    /// <summary>
    /// The key parts: <c>speccake</c>, owner, repository, spec ID (<c>validation</c> without a spec;
    /// a test message has its own). Built only from repository and spec, never from the event, so
    /// every failure of a spec and its later success share it.
    /// </summary>
    public static string Key(SpecEvent specEvent, char separator)
    {
        ArgumentNullException.ThrowIfNull(specEvent);
        var parts = new List<string> { "speccake" };
        if (specEvent.IsTest)
        {
            parts.Add("test");
        }

        if (specEvent.Repository is { } repository)
        {
            parts.Add(repository.Owner);
            parts.Add(repository.Name);
        }

        parts.Add(specEvent.IsTest ? "message" : specEvent.Spec?.Id ?? "validation");
        return string.Join(separator, parts);
    }

    /// <summary>
    /// <see cref="Key(SpecEvent, char)"/> within a service's length limit: a key too long ends in a hash
    /// of the whole instead, so it stays unique and the same for an alert and its resolution.
    /// </summary>
    public static string Key(SpecEvent specEvent, char separator, int maxLength)
    {
        var key = Key(specEvent, separator);
        if (key.Length <= maxLength)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return key[..(maxLength - hash.Length - 1)].TrimEnd(separator) + separator + hash;
    }

    /// <summary>
    /// One line: ID, title, event and error, e.g.
    /// <c>FEAT-0001 User Authentication: implementation_failed: Schema validation failed</c>.
    /// </summary>
    public static string Summary(SpecEvent specEvent)
    {
        ArgumentNullException.ThrowIfNull(specEvent);
        var subject = specEvent.Spec is { } spec
            ? $"{spec.Id} {spec.Title}"
            : $"Spec validation in {specEvent.Repository?.ToString() ?? "the repository"}";
        var text = $"{subject}: {specEvent.Name}" + (specEvent.Error is { Length: > 0 } error ? ": " + error : string.Empty);
        return string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Whether an event of this kind may reach an incident service: one it alerts on, or the success that resolves those.</summary>
    public static bool Hears(IReadOnlyCollection<SpecEventKind> alertOn, SpecEventKind kind) =>
        alertOn.Contains(kind)
        || (kind == SpecEventKind.ImplementationCompleted && alertOn.Any(alert => alert is SpecEventKind.ImplementationFailed or SpecEventKind.ImplementationCompleted));

    /// <summary>
    /// Whether the event closes the alert its failures opened: <c>implementation_completed</c> of a
    /// spec, for an integration alerting on <c>implementation_failed</c> (or listing the completion itself).
    /// </summary>
    public static bool IsResolvedBy(IEnumerable<SpecEventKind> alertOn, SpecEvent specEvent) =>
        !specEvent.IsTest &&
        specEvent.Kind == SpecEventKind.ImplementationCompleted &&
        specEvent.Spec is not null &&
        alertOn.Any(kind => kind is SpecEventKind.ImplementationFailed or SpecEventKind.ImplementationCompleted);

    /// <summary>The event and spec facts as string properties: event, spec_id, title, file, status, spec_severity, repository, branch.</summary>
    public static void WriteFacts(Utf8JsonWriter json, SpecEvent specEvent)
    {
        foreach (var (name, value) in Facts(specEvent))
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>The facts of <see cref="WriteFacts"/>, the title without control characters and the branch on one line.</summary>
    public static List<KeyValuePair<string, string>> Facts(SpecEvent specEvent)
    {
        var facts = new List<KeyValuePair<string, string>> { new("event", specEvent.Name) };
        if (specEvent.Spec is { } spec)
        {
            facts.Add(new("spec_id", spec.Id));
            facts.Add(new("title", TextLimit.Clean(spec.Title)));
            facts.Add(new("file", spec.File));
            facts.Add(new("status", SpecEventPayload.StatusName(spec.Status)));
            if (spec.Severity is { } severity)
            {
                facts.Add(new("spec_severity", severity.ToString().ToUpperInvariant()));
            }
        }

        if (specEvent.Repository is { } repository)
        {
            facts.Add(new("repository", repository.ToString()));
        }

        if (specEvent.Branch is { } branch)
        {
            facts.Add(new("branch", TextLimit.SingleLine(branch)));
        }

        return facts;
    }
}
