using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpecCake.Integrations;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// Replaces <c>${NAME}</c> in every string value with the environment variable <c>NAME</c>.
/// A reference inside an integration may stay unset until a task needs it; a disabled one is never needed.
/// </summary>
internal static partial class VariableInterpolator
{
    /// <summary>Interpolates in place; returns the substituted values that are credentials, for masking.</summary>
    /// <param name="document">The configuration.</param>
    /// <param name="environment">Where the variables come from.</param>
    /// <param name="missing">
    /// Where an unset variable of an enabled integration goes (with the endpoint it belongs to):
    /// only a task that uses it needs it. Its value holds <see cref="NotSet.Placeholder"/> meanwhile.
    /// An unset variable outside <c>integrations</c> is always an error.
    /// </param>
    public static IReadOnlyList<string> Interpolate(ConfigDocument document, IReadOnlyDictionary<string, string?> environment, ICollection<MissingSecret> missing)
    {
        var credentials = new List<string>();
        Visit(document.Root, string.Empty, new Pass(document, environment, credentials, missing));
        return credentials;
    }

    /// <summary>What one interpolation pass carries down the tree.</summary>
    private sealed record Pass(ConfigDocument Document, IReadOnlyDictionary<string, string?> Environment, List<string> Credentials, ICollection<MissingSecret> Missing);

    public static bool ContainsReference(string value) => IsUnresolved(value);

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
        if (!Reference().IsMatch(text))
        {
            return null;
        }

        var segments = JsonPointerText.Segments(pointer);
        var integration = segments.Count >= 2 && segments[0] == "integrations" ? segments[1] : null;
        var descriptor = integration is null ? null : IntegrationCatalog.Find(integration);
        var enabled = integration is not null && document.IsEnabled(integration);
        var isCredentialField = descriptor?.InterpolatedValuesAreCredentials == true;
        var failed = false;
        var result = Reference().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            var resolved = environment.GetValueOrDefault(name);
            if (!string.IsNullOrEmpty(resolved))
            {
                if (isCredentialField || LooksLikeCredential(name))
                {
                    credentials.Add(resolved);
                }

                return resolved;
            }

            if (integration is null)
            {
                // Outside integrations every value is read by every task.
                document.ErrorAt(pointer, $"{JsonPointerText.ToDotted(pointer)} refers to ${{{name}}}, but the environment variable {name} is not set; set it (e.g. a repository secret passed to the job's env) or remove the reference");
                failed = true;
                return match.Value;
            }

            if (!enabled)
            {
                // Nothing reads a disabled block: it keeps what the user wrote.
                return match.Value;
            }

            // Needed only by a task that uses this integration (or this webhook endpoint): listed, not an error yet.
            var at = document.Map.ValueAt(pointer);
            var block = document.Node($"/integrations/{integration}") as JsonObject;
            missing.Add(new MissingSecret(integration, name)
            {
                Target = block is null ? null : descriptor?.TargetAt([.. segments.Skip(2)], block),
                Error = new ValidationError(document.File, at.Line, at.Column,
                    $"{JsonPointerText.ToDotted(pointer)} (integrations.{integration} is enabled) refers to ${{{name}}}, but the environment variable {name} is not set; set it (e.g. a repository secret passed to the job's env) or remove the reference"),
            });
            return NotSet.Placeholder(name);
        });

        return failed ? null : JsonValue.Create(result);
    }

    /// <summary>Whether a value holds a <c>${VAR}</c> or the placeholder of one that is not set: its format cannot be checked.</summary>
    public static bool IsUnresolved(string value) => Reference().IsMatch(value) || NotSet.IsIn(value);

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
