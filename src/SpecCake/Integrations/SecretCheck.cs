using SpecCake.Configuration;

namespace SpecCake.Integrations;

/// <summary>
/// Checks the environment variables one enabled integration needs with its options, and words
/// every problem the one way SpecCake says it: when the configuration is read (placed at the
/// block's <c>enabled: true</c>), when a task decides what it needs, and when a notifier or tracker
/// runs. Every missing secret of the integration is named in one message.
/// </summary>
internal sealed class SecretCheck
{
    private readonly string _integration;
    private readonly Func<string, string?> _environment;
    private readonly List<SecretVariable> _missing = [];
    private readonly List<SecretProblem> _problems = [];
    private string? _because;

    /// <summary>Creates the check.</summary>
    /// <param name="integration">The integration's key, e.g. <c>jira</c>.</param>
    /// <param name="environment">Environment variables.</param>
    public SecretCheck(string integration, Func<string, string?> environment)
    {
        this._integration = integration;
        this._environment = environment;
    }

    /// <summary>Every problem found, the missing secrets first (in one problem).</summary>
    public IReadOnlyList<SecretProblem> Problems =>
        _missing.Count == 0 ? _problems : [new SecretProblem(_integration, [.. _missing.Select(v => v.Name)], NotSet(_integration, _missing.Select(v => v.Name).ToList(), _because), IsMissing: true), .. _problems];

    /// <summary>The variable's value, trimmed (a pasted secret often ends with a newline); null when unset or blank.</summary>
    public string? Get(SecretVariable variable) =>
        _environment(variable.Name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A secret the integration cannot work without: missing is named, unusable is an error.</summary>
    public string? Require(SecretVariable variable)
    {
        var value = Get(variable);
        if (value is null)
        {
            if (!_missing.Contains(variable))
            {
                _missing.Add(variable);
            }

            return null;
        }

        return Usable(variable, value) ? value : null;
    }

    /// <summary>A required secret that is a URL (a webhook): https, or plain http to a loopback host.</summary>
    public string? RequireUrl(SecretVariable variable)
    {
        if (Require(variable) is not { } url)
        {
            return null;
        }

        if (!ValueRules.IsAcceptableUrl(url))
        {
            Unusable($"{variable.Name} {ValueRules.UrlRule} (its value is not shown)");
            return null;
        }

        return url;
    }

    /// <summary>A variable read when set (checked to be usable) and not needed otherwise.</summary>
    public string? Optional(SecretVariable variable) =>
        Get(variable) is { } value && Usable(variable, value) ? value : null;

    /// <summary>Why the missing secrets are needed, added to their message (e.g. which kind of server signs in with them).</summary>
    public void Because(string reason) => _because = reason;

    /// <summary>A setting that may come from a variable is neither set nor in the environment.</summary>
    /// <param name="variable">The variable that could provide it.</param>
    /// <param name="message">What is missing and both ways to provide it.</param>
    public void Missing(SecretVariable variable, string message) =>
        _problems.Add(new SecretProblem(_integration, [variable.Name], message, IsMissing: true));

    /// <summary>A set secret that cannot be used; the message never shows its value.</summary>
    public void Unusable(string message) => _problems.Add(new SecretProblem(_integration, [], message, IsMissing: false));

    /// <summary>
    /// How every missing secret is worded: the integration, the variables, where to add them.
    /// </summary>
    /// <param name="integration">The integration's key.</param>
    /// <param name="names">The variables, in the order the integration needs them.</param>
    /// <param name="because">Why, when it is not obvious; null otherwise.</param>
    public static string NotSet(string integration, IReadOnlyList<string> names, string? because = null)
    {
        var many = names.Count > 1;
        var list = many ? string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1] : names[0];
        return $"integrations.{integration} is enabled but the secret{(many ? "s" : string.Empty)} {list} {(many ? "are" : "is")} not set"
            + (because is null ? string.Empty : $" ({because})")
            + $"; add {(many ? "them" : "it")} to the repository's secrets and pass {(many ? "them" : "it")} to the job's env, or set enabled: false";
    }

    /// <summary>
    /// A set secret goes into HTTP headers (or SMTP commands): a line break in it would start a
    /// header of its own. Named, never shown. White space around it (a pasted secret's final
    /// newline) is trimmed where it is used, so only what is inside counts.
    /// </summary>
    private bool Usable(SecretVariable variable, string trimmed)
    {
        if (!trimmed.Any(char.IsControl))
        {
            return true;
        }

        var what = trimmed.Any(c => c is '\r' or '\n') ? "a line break" : "a control character";
        Unusable($"the secret {variable.Name} of integrations.{_integration} holds {what} (its value is not shown); a secret is one line: set it again");
        return false;
    }
}

/// <summary>One problem with an integration's secrets.</summary>
/// <param name="Integration">The integration's key.</param>
/// <param name="Variables">The variables not set (empty for an unusable one).</param>
/// <param name="Message">What is wrong and how to fix it; never a value.</param>
/// <param name="IsMissing">Missing (a task that does not use the integration goes on) rather than set but unusable.</param>
internal sealed record SecretProblem(string Integration, IReadOnlyList<string> Variables, string Message, bool IsMissing);
