using System.Text.RegularExpressions;

namespace SpecCake.Implementation;

/// <summary>
/// <c>{name}</c> placeholders in a prompt, title or body template, replaced in one pass: a value
/// that itself contains <c>{id}</c> (spec text is untrusted) is never expanded again. Unknown
/// placeholders stay as written.
/// </summary>
internal static partial class TemplateText
{
    /// <summary>The template with every known placeholder replaced.</summary>
    /// <param name="template">The template.</param>
    /// <param name="values">Placeholder name (without braces) → value.</param>
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, match => values.TryGetValue(match.Groups["name"].Value, out var value) ? value : match.Value);

    [GeneratedRegex(@"\{(?<name>[a-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
