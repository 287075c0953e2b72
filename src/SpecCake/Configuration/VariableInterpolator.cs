using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// Replaces <c>${NAME}</c> in every string value with the environment variable <c>NAME</c>.
/// A reference inside a disabled integration may stay unset: nothing reads it.
/// </summary>
internal static partial class VariableInterpolator
{
    /// <summary>Interpolates in place; returns the substituted values that are credentials, for masking.</summary>
    /// <param name="document">The configuration.</param>
    /// <param name="environment">Where the variables come from.</param>
    /// <param name="missing">
    /// Where an unset variable of an enabled integration goes when nothing is sent (validation);
    /// null: it is an error. A variable outside <c>integrations</c> is always needed.
    /// </param>
    public static IReadOnlyList<string> Interpolate(ConfigDocument document, IEnvironmentVariables environment, ICollection<MissingSecret>? missing = null)
    {
        var credentials = new List<string>();
        Visit(document.Root, string.Empty, new Pass(document, environment, credentials, missing));
        return credentials;
    }

    /// <summary>What one interpolation pass carries down the tree.</summary>
    private sealed record Pass(ConfigDocument Document, IEnvironmentVariables Environment, List<string> Credentials, ICollection<MissingSecret>? Missing);

    public static bool ContainsReference(string value) => Reference().IsMatch(value);

    private static void Visit(JsonNode? node, string pointer, Pass pass)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToArray())
                {
                    var childPointer = JsonPointerText.Append(pointer, key);
                    if (Substitute(child, childPointer, pass) is { } replaced)
                    {
                        obj[key] = replaced;
                    }
                    else
                    {
                        Visit(child, childPointer, pass);
                    }
                }

                break;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    var childPointer = JsonPointerText.Append(pointer, index);
                    if (Substitute(array[index], childPointer, pass) is { } replaced)
                    {
                        array[index] = replaced;
                    }
                    else
                    {
                        Visit(array[index], childPointer, pass);
                    }
                }

                break;
        }
    }

    private static JsonNode? Substitute(JsonNode? node, string pointer, Pass pass)
    {
        var (document, environment, credentials, missing) = pass;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        if (!ContainsReference(text))
        {
            return null;
        }

        var integration = IntegrationOf(pointer);
        var required = integration is null || document.IsEnabled(integration);
        var isCredentialField = integration == "webhooks";
        var unresolved = false;
        var result = Reference().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            var resolved = environment.Get(name);
            if (string.IsNullOrEmpty(resolved))
            {
                unresolved = true;
                if (required && integration is not null && missing is not null)
                {
                    missing.Add(new MissingSecret(integration, name));
                }
                else if (required)
                {
                    var where = integration is null ? JsonPointerText.ToDotted(pointer) : $"{JsonPointerText.ToDotted(pointer)} (integrations.{integration} is enabled)";
                    document.ErrorAt(pointer, $"{where} refers to ${{{name}}}, but the environment variable {name} is not set; set it (e.g. a repository secret passed to the job's env) or remove the reference");
                }

                return match.Value;
            }

            if (isCredentialField || LooksLikeCredential(name))
            {
                credentials.Add(resolved);
            }

            return resolved;
        });

        if (!unresolved && isCredentialField)
        {
            credentials.Add(result);
        }

        return unresolved ? null : JsonValue.Create(result);
    }

    private static string? IntegrationOf(string pointer)
    {
        var segments = JsonPointerText.Segments(pointer);
        return segments.Count >= 2 && segments[0] == "integrations" ? segments[1] : null;
    }

    private static bool LooksLikeCredential(string name) =>
        SecretNames.Credentials.Contains(name)
        || name.Contains("TOKEN", StringComparison.OrdinalIgnoreCase)
        || name.Contains("SECRET", StringComparison.OrdinalIgnoreCase)
        || name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)
        || name.Contains("KEY", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("_PAT", StringComparison.OrdinalIgnoreCase)
        || name.Contains("DSN", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
