namespace SpecCake.Integrations;

/// <summary>
/// An environment variable an integration reads: a credential (masked as <c>***</c> in every
/// output), or an identifier that may stand in for a setting (a site URL, an organization), which
/// is not masked: masking a short common word such as a project name would garble every line.
/// </summary>
/// <param name="Name">The variable, e.g. <c>SLACK_WEBHOOK_URL</c>.</param>
/// <param name="Purpose">What it holds, for the README's and the docs' tables, e.g. "incoming webhook URL".</param>
/// <param name="IsCredential">Whether its value is masked in every output.</param>
internal sealed record SecretVariable(string Name, string Purpose, bool IsCredential = true);
