using System.Globalization;
using System.Text.Json;

namespace SpecCake.Implementation;

/// <summary>
/// The <c>result</c> message that ends Claude Code's <c>--output-format stream-json</c> (and is all
/// of <c>json</c>): <c>type</c>, <c>subtype</c> (<c>success</c>, <c>error_max_turns</c>,
/// <c>error_during_execution</c>), <c>is_error</c>, <c>num_turns</c>, <c>total_cost_usd</c>,
/// <c>usage</c>, <c>result</c> and, for API failures, <c>api_error_status</c>. Read with
/// <see cref="JsonDocument"/>: no reflection, trim-safe.
/// </summary>
/// <param name="Subtype">How the session ended.</param>
/// <param name="IsError">Whether Claude Code calls it a failure (an API error ends with <c>subtype: success</c> and <c>is_error: true</c>).</param>
/// <param name="Result">The final message, or the error text.</param>
/// <param name="Usage">Turns, cost and tokens.</param>
/// <param name="ApiErrorStatus">The HTTP status of the API error, when one ended the session.</param>
internal sealed record ClaudeCodeResult(string Subtype, bool IsError, string? Result, AgentUsage Usage, int? ApiErrorStatus)
{
    /// <summary>The result in one transcript line, or null when the line is something else.</summary>
    /// <param name="line">One line of stream-json output.</param>
    public static ClaudeCodeResult? Parse(string line)
    {
        // Cheap test first: most lines are assistant and tool messages.
        if (!line.Contains("\"result\"", StringComparison.Ordinal) || !line.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "type") != "result")
            {
                return null;
            }

            var usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
            long? input = usage.ValueKind == JsonValueKind.Object
                ? (Long(usage, "input_tokens") ?? 0) + (Long(usage, "cache_read_input_tokens") ?? 0) + (Long(usage, "cache_creation_input_tokens") ?? 0)
                : null;
            return new ClaudeCodeResult(
                String(root, "subtype") ?? "unknown",
                root.TryGetProperty("is_error", out var error) && error.ValueKind == JsonValueKind.True,
                String(root, "result"),
                new AgentUsage(
                    (int?)Long(root, "num_turns"),
                    root.TryGetProperty("total_cost_usd", out var cost) && cost.ValueKind == JsonValueKind.Number && cost.TryGetDecimal(out var dollars) ? dollars : null,
                    input,
                    usage.ValueKind == JsonValueKind.Object ? Long(usage, "output_tokens") : null),
                (int?)Long(root, "api_error_status"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the session finished its work.</summary>
    public bool Succeeded => !IsError && Subtype == "success";

    /// <summary>Why it did not, in one short line.</summary>
    /// <param name="maxTurns">The configured <c>max_turns</c>, to name it.</param>
    public string Failure(int? maxTurns) => Subtype switch
    {
        "error_max_turns" => $"Claude Code used all its turns (max_turns: {maxTurns?.ToString(CultureInfo.InvariantCulture) ?? "its default"}) before finishing; raise max_turns or split the spec",
        _ when ApiErrorStatus is { } status => $"the Anthropic API answered {status.ToString(CultureInfo.InvariantCulture)}: {OneLine(Result)}",
        _ => $"Claude Code stopped ({Subtype}): {OneLine(Result)}",
    };

    private static string OneLine(string? text)
    {
        var line = (text ?? "no message").ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
