using System.Net.Security;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Http;
using SpecCake.Trackers;

namespace SpecCake.Checks;

/// <summary>
/// What a check runs with: the configuration, the environment (secrets), the masker every message
/// passes, the retry policy and clock of its requests, and read-only HTTP clients on SpecCake's one
/// HTTP path.
/// </summary>
internal sealed class CheckContext
{
    /// <summary>One quick retry, 15 s an attempt: a check is run by a person waiting for the table.</summary>
    public static RetryPolicy DefaultRetryPolicy { get; } = new()
    {
        MaxRetries = 1,
        AttemptTimeout = TimeSpan.FromSeconds(15),
        TotalTimeout = TimeSpan.FromSeconds(40),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
    };

    /// <summary>The configuration being checked.</summary>
    public required SpecCakeConfig Config { get; init; }

    /// <summary>Environment variables; empty is unset.</summary>
    public required IReadOnlyDictionary<string, string?> Environment { get; init; }

    /// <summary>Masks every secret in what a check reports.</summary>
    public required SecretMasker Masker { get; init; }

    /// <summary>Where the repository is (the agent's executable may be relative to it).</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Retries and timeouts of every request.</summary>
    public RetryPolicy RetryPolicy { get; init; } = DefaultRetryPolicy;

    /// <summary>The clock the retries wait on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Accepts the SMTP server's certificate instead of the system's validation (tests only).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>The options a tracker connection is opened with.</summary>
    public TrackerSyncOptions SyncOptions => new() { RetryPolicy = RetryPolicy, TimeProvider = TimeProvider, MaxConcurrency = 1 };

    /// <summary>The value of a variable, trimmed; null when unset or blank.</summary>
    public string? Variable(string name) => TrackerEnvironment.Get(Environment, name);

    /// <summary>
    /// A client that sends only GET and HEAD requests and GraphQL queries: anything else is refused
    /// before it is sent, so no check can post, create, update or transition anything.
    /// </summary>
    /// <param name="label">The integration's key, which starts every error.</param>
    /// <param name="headers">Headers of every request (authorization).</param>
    public TrackerHttp ReadOnlyHttp(string label, IReadOnlyDictionary<string, string> headers) =>
        new(label, headers, Masker, SyncOptions, readOnly: true);
}
