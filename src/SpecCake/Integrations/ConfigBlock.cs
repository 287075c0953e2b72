using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Events;

namespace SpecCake.Integrations;

/// <summary>
/// One integration's block of <c>specs.config.yaml</c>, validated and interpolated, as its
/// descriptor binds it into options: typed reads by key, and the environment variables that stand
/// in for a setting (<c>SMTP_HOST</c> for <c>smtp.host</c>). Remembers the keys read, so a test can
/// hold each descriptor's <see cref="IntegrationDescriptor.Settings"/> to what it binds.
/// </summary>
internal sealed class ConfigBlock
{
    private readonly JsonObject _values;
    private readonly Func<string, string?> _environment;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Creates the block.</summary>
    /// <param name="values">The block's keys and values.</param>
    /// <param name="environment">Environment variables; empty is unset.</param>
    public ConfigBlock(JsonObject values, Func<string, string?> environment)
    {
        this._values = values;
        this._environment = environment;
    }

    /// <summary>The keys read so far.</summary>
    public IReadOnlyCollection<string> KeysRead => _read;

    public string? Text(string key) => ConfigValues.Text(Read(key));

    public string? TextOrNumber(string key) => ConfigValues.TextOrNumber(Read(key));

    public bool? Bool(string key) => ConfigValues.Bool(Read(key));

    public int? Int(string key) => ConfigValues.Int(Read(key));

    public string[]? Strings(string key) => ConfigValues.Strings(Read(key));

    public Dictionary<string, string> Map(string key) => ConfigValues.Map(Read(key));

    public SpecEventKind[] Events(string key) => ConfigValues.Events(Read(key));

    /// <summary>A nested mapping (e.g. <c>smtp</c>), or null when absent.</summary>
    public ConfigBlock? Object(string key) => Read(key) is JsonObject child ? new ConfigBlock(child, _environment) : null;

    /// <summary>A list of mappings (e.g. webhook <c>endpoints</c>); empty when absent.</summary>
    public IReadOnlyList<ConfigBlock> Objects(string key) =>
        Read(key) is JsonArray items ? [.. items.OfType<JsonObject>().Select(item => new ConfigBlock(item, _environment))] : [];

    /// <summary>A nested mapping of string lists keyed by any name (e.g. email <c>recipients</c> by event).</summary>
    public Dictionary<string, IReadOnlyList<string>> Lists(string key)
    {
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (Read(key) is JsonObject obj)
        {
            foreach (var (name, list) in obj)
            {
                lists[name] = ConfigValues.Strings(list) ?? [];
            }
        }

        return lists;
    }

    /// <summary>The variable's value when set and not empty.</summary>
    public string? Environment(SecretVariable variable) => _environment(variable.Name) is { Length: > 0 } value ? value : null;

    private JsonNode? Read(string key)
    {
        _read.Add(key);
        return _values[key];
    }
}
