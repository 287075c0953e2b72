using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// A secret (or <c>${VAR}</c>) an enabled integration needs that is not set. Only a task that uses
/// the integration needs it: ValidateSpecs does not (a pull request from a fork gets no secrets),
/// SyncTrackers needs the trackers', NotifySpecEvent those subscribed to its event, and a dry run none.
/// </summary>
/// <param name="Integration">The integration's block, e.g. <c>slack</c>.</param>
/// <param name="Variable">The environment variable, e.g. <c>SLACK_WEBHOOK_URL</c>.</param>
public sealed record MissingSecret(string Integration, string Variable)
{
    /// <summary>
    /// The one destination that needs it, e.g. <c>webhooks/analytics</c> for a <c>${VAR}</c> in that
    /// endpoint; null when the whole integration does.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>Where the configuration asks for it and what to do, as a task reports it when it needs the secret.</summary>
    public ValidationError? Error { get; init; }
}
