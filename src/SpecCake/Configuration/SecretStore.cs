namespace SpecCake.Configuration;

/// <summary>
/// The secrets of one run: read from the environment, and the list of credential values that
/// must be masked as <c>***</c> in every log line, error, dry-run print and summary.
/// </summary>
public sealed class SecretStore
{
    /// <summary>The mask every credential is replaced with.</summary>
    public const string Mask = SecretMasker.Mask;

    // Masking a one- or two-character value would garble every line it happens to occur in.
    private const int MinimumMaskedLength = 3;

    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly string[] _maskedValues;
    private readonly SecretMasker _masker = new();

    /// <summary>Creates the store.</summary>
    /// <param name="environment">Where secrets are read.</param>
    /// <param name="additionalCredentials">
    /// Further values to mask (webhook URLs, HMAC secrets, header values from the config).
    /// </param>
    public SecretStore(IReadOnlyDictionary<string, string?> environment, IEnumerable<string>? additionalCredentials = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _maskedValues = SecretNames.Credentials
            .Select(name => environment.GetValueOrDefault(name))
            .Concat(additionalCredentials ?? [])
            .OfType<string>()
            .Where(value => value.Length >= MinimumMaskedLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(value => value.Length) // a longer secret containing a shorter one is masked whole
            .ToArray();
        foreach (var value in _maskedValues)
        {
            _masker.Add(value);
        }
    }

    /// <summary>The credential values to mask, longest first. Never print them.</summary>
    public IReadOnlyList<string> CredentialValues => _maskedValues;

    /// <summary>The variable's value; null when it is unset or empty.</summary>
    /// <param name="name">A name from <see cref="SecretNames"/> or any other variable.</param>
    public string? Get(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var value = _environment.GetValueOrDefault(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Whether the variable is set to a non-empty value.</summary>
    /// <param name="name">The variable name.</param>
    public bool Has(string name) => Get(name) is not null;

    /// <summary>
    /// The variable's value; throws when it is missing, naming the variable (never a value).
    /// ValidateSpecs reports missing secrets of enabled integrations before this is reached.
    /// </summary>
    /// <param name="name">The variable name.</param>
    public string Require(string name) =>
        Get(name) ?? throw new InvalidOperationException($"The secret {name} is not set.");

    /// <summary>Replaces every credential value in <paramref name="text"/> with <c>***</c>.</summary>
    /// <param name="text">Any text about to be shown.</param>
    public string MaskIn(string? text) => _masker.Apply(text);
}
