using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SpecCake.Events;
using SpecCake.State;

namespace SpecCake.Delivery;

/// <summary>
/// Which notification an event is, stable across re-runs of the same CI run, so that a re-run of a
/// failed job sends only what did not arrive the first time (<see cref="DeliveryLedger"/>) and gives
/// each delivery the same id as before (webhooks' <c>X-SpecCake-Delivery</c>, Sentry's event id).
/// </summary>
/// <remarks>
/// In GitHub Actions: the run (<c>GITHUB_RUN_ID</c>, which a re-run keeps; not <c>GITHUB_RUN_ATTEMPT</c>),
/// the job and step (<c>GITHUB_JOB</c>, <c>GITHUB_ACTION</c>), the event, the spec and the pull request.
/// Elsewhere there is none, so nothing is ever suppressed, unless <c>SPECCAKE_RUN_ID</c> names the run
/// (e.g. <c>$(Build.BuildId)</c> in Azure Pipelines). Test messages have none: they exist to be sent.
/// </remarks>
public static class DeliveryIdentity
{
    /// <summary>The variable that names the run outside GitHub Actions (or overrides <c>GITHUB_RUN_ID</c>).</summary>
    public const string RunIdVariable = "SPECCAKE_RUN_ID";

    /// <summary>The event's identity, e.g. <c>run 4242, job notify, step __run_2: implementation_failed FEAT-0001 #42</c>; null outside a CI run.</summary>
    /// <param name="specEvent">The event.</param>
    /// <param name="environment">Environment variables.</param>
    public static string? For(SpecEvent specEvent, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(specEvent);
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var inActions = string.Equals(Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
        var run = Get(RunIdVariable) ?? (inActions ? Get("GITHUB_RUN_ID") : null);
        if (run is null || specEvent.IsTest)
        {
            return null;
        }

        var text = new StringBuilder("run ").Append(run);
        if (Get("GITHUB_JOB") is { } job)
        {
            text.Append(", job ").Append(job);
        }

        if (Get("GITHUB_ACTION") is { } step)
        {
            text.Append(", step ").Append(step);
        }

        text.Append(": ").Append(specEvent.Name).Append(' ').Append(specEvent.Spec?.Id ?? "-");
        if (specEvent.PullRequest is { } pr)
        {
            text.Append(" #").Append(pr.Number.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// One delivery's id: derived from the identity and the target when there is an identity (the
    /// same on a re-run, so a receiver drops the repeat), random otherwise.
    /// </summary>
    /// <param name="identity">The event's identity, or null.</param>
    /// <param name="target">The delivery target, e.g. <c>webhooks/ci</c>.</param>
    public static Guid DeliveryId(string? identity, string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (identity is null)
        {
            return Guid.NewGuid();
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity + "\n" + target), hash);

        // An RFC 9562 version 8 (name-based, custom hash) UUID.
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
