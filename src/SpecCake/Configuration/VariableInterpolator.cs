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
    public static IReadOnlyList<string> Interpolate(ConfigDocument document, IEnvironmentVariables environment)
    {
        var credentials = new List<string>();
        Visit(document.Root, string.Empty, document, environment, credentials);
        return credentials;
    }

    public static bool ContainsReference(string value) => Reference().IsMatch(value);

    private static void Visit(JsonNode? node, string pointer, ConfigDocument document, IEnvironmentVariables environment, List<string> credentials)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToArray())
                {
                    var childPointer = JsonPointerText.Append(pointer, key);
                    if (Substitute(child, childPointer, document, environment, credentials) is { } replaced)
                    {
                        obj[key] = replaced;
                    }
                    else
                    {
                        Visit(child, childPointer, document, environment, credentials);
                    }
                }

                break;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    var childPointer = JsonPointerText.Append(pointer, index);
                    if (Substitute(array[index], childPointer, document, environment, credentials) is { } replaced)
                    {
                        array[index] = replaced;
                    }
                    else
                    {
                        Visit(array[index], childPointer, document, environment, credentials);
                    }
                }

                break;
        }
    }

    private static JsonNode? Substitute(JsonNode? node, string pointer, ConfigDocument document, IEnvironmentVariables environment, List<string> credentials)
    {
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
                if (required)
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
