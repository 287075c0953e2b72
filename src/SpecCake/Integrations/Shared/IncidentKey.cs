using SpecCake.Events;

namespace SpecCake.Integrations;

/// <summary>
/// The identity of "this spec is failing in this repository": the same for every failure of a spec
/// and for its later success, so an incident tool groups the repeats into one alert and the
/// success closes it. Built only from the repository and the spec ID, never from the event.
/// </summary>
internal static class IncidentKey
{
    /// <summary>The key parts: <c>speccake</c>, owner, repository, spec ID (<c>validation</c> without a spec, <c>test</c> for test messages).</summary>
    /// <param name="specEvent">The event.</param>
    public static IReadOnlyList<string> Parts(SpecEvent specEvent)
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
        return parts;
    }

    /// <summary>The key with the given separator, e.g. <c>speccake/org/repo/FEAT-0001</c>.</summary>
    /// <param name="specEvent">The event.</param>
    /// <param name="separator">Between the parts.</param>
    public static string For(SpecEvent specEvent, char separator) => string.Join(separator, Parts(specEvent));
}
