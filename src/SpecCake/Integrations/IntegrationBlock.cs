using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Validation;

namespace SpecCake.Integrations;

/// <summary>
/// One integration's block in <c>specs.config.yaml</c> while the file is checked: what its
/// descriptor reads to check settings and formats, and where it reports a problem (at the line
/// and column the user wrote the value, or at <c>enabled: true</c> for what is missing).
/// </summary>
internal sealed class IntegrationBlock
{
    private readonly ConfigDocument _document;

    public IntegrationBlock(ConfigDocument document, string key)
    {
        this._document = document;
        Key = key;
    }

    /// <summary>The block's key, e.g. <c>slack</c>.</summary>
    public string Key { get; }

    /// <summary>The block's JSON pointer, e.g. <c>/integrations/slack</c>.</summary>
    public string Pointer => $"/integrations/{Key}";

    /// <summary>A value of the block by a pointer relative to it, e.g. <c>smtp/host</c>.</summary>
    public JsonNode? Node(string relative) => _document.Node(At(relative));

    /// <summary>A string value of the block, or null.</summary>
    public string? String(string relative) => _document.String(At(relative));

    /// <summary>An error at the block's <c>enabled</c> (what an enabled block lacks).</summary>
    public void Error(string message) => _document.ErrorAt(At("enabled"), message);

    /// <summary>An error at a value of the block.</summary>
    public void ErrorAt(string relative, string message) => _document.ErrorAt(At(relative), message);

    /// <summary>A setting an enabled block cannot work without.</summary>
    /// <param name="key">The key, e.g. <c>project_key</c>.</param>
    /// <param name="what">What to add, e.g. <c>the Jira project key, e.g. project_key: "PROJ"</c>.</param>
    public void RequireSetting(string key, string what)
    {
        var node = Node(key);
        if (node is null || (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>())))
        {
            Error($"integrations.{Key} is enabled but '{key}' is not set: add {what}");
        }
    }

    /// <summary>An https URL (plain http to loopback only); a value with an unset <c>${VAR}</c> is left to the secret check.</summary>
    public void CheckUrl(string relative)
    {
        var pointer = At(relative);
        if (_document.String(pointer) is { } url && !VariableInterpolator.IsUnresolved(url) && !ValueRules.IsAcceptableUrl(url))
        {
            _document.ErrorAt(pointer, $"{JsonPointerText.ToDotted(pointer)} {ValueRules.UrlRule}");
        }
    }

    /// <summary>A plain <c>name@example.com</c> address.</summary>
    public void CheckEmail(string relative)
    {
        var pointer = At(relative);
        if (_document.String(pointer) is { } address && !VariableInterpolator.IsUnresolved(address) && !ValueRules.IsEmailAddress(address))
        {
            _document.ErrorAt(pointer, $"{JsonPointerText.ToDotted(pointer)} has the malformed email address {LogText.Quoted(address, int.MaxValue)}; write it as name@example.com");
        }
    }

    /// <summary>
    /// HTTP header names and values: a line break in a value (written, or from a <c>${VAR}</c>) would
    /// start a header of its own. Values are credentials, so the message never shows one.
    /// </summary>
    public void CheckHeaders(string relative)
    {
        var pointer = At(relative);
        if (_document.Node(pointer) is not JsonObject headers)
        {
            return;
        }

        foreach (var (name, value) in headers)
        {
            var at = JsonPointerText.Append(pointer, name);
            if (name.Length == 0 || !name.All(IsTokenCharacter))
            {
                var key = _document.Map.KeyAt(at);
                _document.Errors.Add(new ValidationError(_document.File, key.Line, key.Column, $"{JsonPointerText.ToDotted(pointer)} has the header name {LogText.Quoted(name)}, which HTTP does not allow; use letters, digits and - (e.g. X-Team)"));
            }

            if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().Any(c => char.IsControl(c) && c != '\t'))
            {
                var what = text.GetValue<string>().Any(c => c is '\r' or '\n') ? "a line break" : "a control character";
                _document.ErrorAt(at, $"{JsonPointerText.ToDotted(at)} holds {what} (the value is not shown); a header value is one line: remove it (a ${{VAR}} in it may end with a newline)");
            }
        }
    }

    // RFC 9110 5.6.2: a field name is a token.
    private static bool IsTokenCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private string At(string relative) => relative.Length == 0 ? Pointer : Pointer + "/" + relative;
}
