using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpecCake.Trackers;

/// <summary>
/// A tracker's JSON answer, read with its request in hand: every tracker response goes through here, so
/// an answer of an unexpected shape (a key missing, a value of another type, an array for an object)
/// becomes one <see cref="TrackerException"/> that names the tracker, the request, the place in the answer
/// and what was expected — never a <see cref="KeyNotFoundException"/> or an <see cref="InvalidOperationException"/>
/// from System.Text.Json. Optional values may be absent or null; present, they must have the expected type.
/// </summary>
internal readonly struct TrackerAnswer
{
    private readonly JsonElement _value;
    private readonly TrackerRequest _request;
    private readonly string _path;

    private TrackerAnswer(JsonElement value, TrackerRequest request, string path)
    {
        this._value = value;
        this._request = request;
        this._path = path;
    }

    /// <summary>The element itself, for readers that walk any shape (rich text).</summary>
    public JsonElement Value => _value;

    /// <summary>Sends <paramref name="request"/> and reads its JSON answer, which must not be empty.</summary>
    public static async Task<TrackerAnswer> SendAsync(
        TrackerHttp http, TrackerRequest request, JsonNode? body, CancellationToken cancellationToken, string contentType = "application/json")
    {
        var answer = await http.SendAsync(request.Method, request.Url, body, cancellationToken, contentType, request.Creates).ConfigureAwait(false);
        return answer is { } element ? new TrackerAnswer(element, request, string.Empty) : throw request.Unexpected("with an empty body", "a JSON body");
    }

    /// <summary>Posts a GraphQL operation and reads its <c>data</c> (paths in errors start inside <c>data</c>).</summary>
    public static async Task<TrackerAnswer> GraphQLAsync(
        TrackerHttp http, TrackerRequest request, string query, JsonObject variables, CancellationToken cancellationToken)
    {
        var data = await http.GraphQLAsync(request.Url, query, variables, cancellationToken, request.Creates).ConfigureAwait(false);
        return new TrackerAnswer(data, request, string.Empty);
    }

    public TrackerAnswer Object(string name) => new(Required(name, JsonValueKind.Object), _request, Child(name));

    public TrackerAnswer? OptionalObject(string name) =>
        Optional(name, JsonValueKind.Object) is { } found ? new TrackerAnswer(found, _request, Child(name)) : null;

    public IEnumerable<TrackerAnswer> Array(string name) => new TrackerAnswer(Required(name, JsonValueKind.Array), _request, Child(name)).Items();

    public IEnumerable<TrackerAnswer> OptionalArray(string name) =>
        Optional(name, JsonValueKind.Array) is { } found ? new TrackerAnswer(found, _request, Child(name)).Items() : [];

    /// <summary>The elements of this answer, which must be an array.</summary>
    public IEnumerable<TrackerAnswer> Items()
    {
        if (_value.ValueKind != JsonValueKind.Array)
        {
            throw _request.Unexpected(_path.Length == 0 ? $"{KindOf(_value)} instead of an array" : $"'{_path}' as {KindOf(_value)}", "an array");
        }

        var items = new List<TrackerAnswer>(_value.GetArrayLength());
        foreach (var item in _value.EnumerateArray())
        {
            items.Add(new TrackerAnswer(item, _request, $"{_path}[{items.Count}]"));
        }

        return items;
    }

    public string String(string name) => Required(name, JsonValueKind.String).GetString()!;

    public string? OptionalString(string name) => Optional(name, JsonValueKind.String)?.GetString();

    public int Int32(string name)
    {
        var number = Required(name, JsonValueKind.Number);
        return number.TryGetInt32(out var result) ? result : throw _request.Unexpected($"'{Child(name)}' as a number out of range", Sketch(name, JsonValueKind.Number));
    }

    public bool Boolean(string name) => Required(name, JsonValueKind.True).GetBoolean();

    public bool? OptionalBoolean(string name) => Optional(name, JsonValueKind.True)?.GetBoolean();

    /// <summary>A value of any type, or null when absent or null.</summary>
    public JsonElement? OptionalValue(string name)
    {
        EnsureObject(name, JsonValueKind.Undefined);
        return _value.TryGetProperty(name, out var found) && found.ValueKind != JsonValueKind.Null ? found : null;
    }

    /// <summary>This answer as a string (an element of an array of strings).</summary>
    public string AsString() =>
        _value.ValueKind == JsonValueKind.String ? _value.GetString()! : throw _request.Unexpected($"'{_path}' as {KindOf(_value)}", "a string");

    /// <summary>An error about the value <paramref name="name"/> of this object, for checks the accessors cannot express.</summary>
    public TrackerException Unexpected(string name, string expected) =>
        _request.Unexpected(
            _value.ValueKind == JsonValueKind.Object && _value.TryGetProperty(name, out var found) ? $"'{Child(name)}' as {KindOf(found)}" : $"without '{Child(name)}'",
            expected);

    private JsonElement Required(string name, JsonValueKind kind)
    {
        EnsureObject(name, kind);
        if (!_value.TryGetProperty(name, out var found))
        {
            throw _request.Unexpected($"without '{Child(name)}'", Sketch(name, kind));
        }

        return Is(found, kind) ? found : throw _request.Unexpected($"'{Child(name)}' as {KindOf(found)}", Sketch(name, kind));
    }

    private JsonElement? Optional(string name, JsonValueKind kind)
    {
        EnsureObject(name, kind);
        if (!_value.TryGetProperty(name, out var found) || found.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Is(found, kind) ? found : throw _request.Unexpected($"'{Child(name)}' as {KindOf(found)}", Sketch(name, kind));
    }

    private void EnsureObject(string name, JsonValueKind kind)
    {
        if (_value.ValueKind != JsonValueKind.Object)
        {
            throw _request.Unexpected(_path.Length == 0 ? $"{KindOf(_value)} instead of an object" : $"'{_path}' as {KindOf(_value)}", Sketch(name, kind));
        }
    }

    private static bool Is(JsonElement element, JsonValueKind kind) =>
        kind == JsonValueKind.Undefined || element.ValueKind == kind || (kind == JsonValueKind.True && element.ValueKind == JsonValueKind.False);

    private string Child(string name) => _path.Length == 0 ? name : _path + "." + name;

    // What the caller wanted, as a fragment of JSON, and where: {"key":"..."} in 'issues[0]'.
    private string Sketch(string name, JsonValueKind kind)
    {
        var sample = kind switch
        {
            JsonValueKind.Object => "{...}",
            JsonValueKind.Array => "[...]",
            JsonValueKind.String => "\"...\"",
            JsonValueKind.Number => "0",
            JsonValueKind.True => "true",
            _ => "...",
        };
        return $"{{\"{name}\":{sample}}}" + (_path.Length == 0 ? string.Empty : $" in '{_path}'");
    }

    private static string KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
