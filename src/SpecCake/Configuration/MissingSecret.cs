namespace SpecCake.Configuration;

/// <summary>
/// A secret (or <c>${VAR}</c>) an enabled integration needs that is not set. ValidateSpecs does not
/// need it (a pull request from a fork gets no secrets); a send does, and fails naming it.
/// </summary>
/// <param name="Integration">The integration's block, e.g. <c>slack</c>.</param>
/// <param name="Variable">The environment variable, e.g. <c>SLACK_WEBHOOK_URL</c>.</param>
public sealed record MissingSecret(string Integration, string Variable);
