using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// Reads <c>specs.config.yaml</c> (contract §2): YAML → JSON Schema
/// (<c>schemas/specs.config.schema.json</c>) → <c>${VAR}</c> interpolation → secrets and
/// formats → immutable <see cref="SpecCakeConfig"/>. Every problem is reported at once, as
/// <c>file:line:column: message</c>; bad content never throws.
/// </summary>
public static class SpecCakeConfigLoader
{
    /// <summary>The file name looked for in the working directory.</summary>
    public const string DefaultFileName = "specs.config.yaml";

    /// <summary>Reads and validates the configuration file at <paramref name="path"/>.</summary>
    /// <param name="path">The file; errors name it as given here.</param>
    /// <param name="environment">Where secrets and <c>${VAR}</c> values come from.</param>
    public static ConfigLoadResult Load(string path, IEnvironmentVariables environment) => Load(path, path, environment);

    /// <summary>Reads and validates the configuration file at <paramref name="path"/>, naming it <paramref name="displayName"/> in errors.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="displayName">How errors name the file, e.g. relative to Cake's working directory.</param>
    /// <param name="environment">Where secrets and <c>${VAR}</c> values come from.</param>
    public static ConfigLoadResult Load(string path, string displayName, IEnvironmentVariables environment) =>
        Load(path, displayName, environment, specPathsRead: null, secretsRequired: true);

    /// <summary>
    /// As <see cref="Load(string, string, IEnvironmentVariables)"/>, telling <paramref name="specPathsRead"/>
    /// the raw <c>specs.paths</c> as soon as the YAML is parsed (before any checking), so spec
    /// files can be read meanwhile without parsing the file a second time. Not called when the
    /// file cannot be read or parsed. With <paramref name="secretsRequired"/> false (validation, which
    /// sends nothing), an enabled integration's unset secret or <c>${VAR}</c> is listed in
    /// <see cref="ConfigLoadResult.MissingSecrets"/> instead of being an error.
    /// </summary>
    internal static ConfigLoadResult Load(string path, string displayName, IEnvironmentVariables environment, Action<IReadOnlyList<SpecGlobSource>>? specPathsRead, bool secretsRequired)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        ArgumentNullException.ThrowIfNull(environment);

        string? text;
        var problems = new List<ValidationError>();
        try
        {
            text = SourceText.Read(path, displayName, "configuration file", problems);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(displayName, environment, $"configuration file not found; create {DefaultFileName} (see the README) or pass --config=<file>");
        }

        if (text is null)
        {
            return new ConfigLoadResult { File = displayName, Errors = problems, Secrets = new SecretStore(environment) };
        }

        return Parse(text, displayName, environment, Path.GetFullPath(path), specPathsRead, secretsRequired);
    }

    /// <summary>Validates configuration text (as if read from <paramref name="file"/>).</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="file">The name errors carry; <c>specs.paths</c> are relative to its folder.</param>
    /// <param name="environment">Where secrets and <c>${VAR}</c> values come from.</param>
    public static ConfigLoadResult Parse(string text, string file, IEnvironmentVariables environment) =>
        Parse(text, file, environment, Path.GetFullPath(file), specPathsRead: null, secretsRequired: true);

    private static ConfigLoadResult Parse(string text, string file, IEnvironmentVariables environment, string fullPath, Action<IReadOnlyList<SpecGlobSource>>? specPathsRead, bool secretsRequired)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentNullException.ThrowIfNull(environment);

        var errors = new List<ValidationError>();
        var yaml = YamlJsonReader.Read(text, file, errors);
        if (yaml is null)
        {
            return new ConfigLoadResult { File = file, Errors = errors, Secrets = new SecretStore(environment) };
        }

        if (yaml.Root is not null and not JsonObject)
        {
            errors.Add(new ValidationError(file, 1, 1, "the configuration must be a mapping with the keys specs, notifications and integrations"));
            return new ConfigLoadResult { File = file, Errors = errors, Secrets = new SecretStore(environment) };
        }

        var document = new ConfigDocument(file, yaml with { Root = yaml.Root ?? new JsonObject() }, errors);
        specPathsRead?.Invoke(ReadSpecGlobs(document));
        SchemaValidator.Config.Validate(yaml with { Root = document.Root }, file, errors);

        var missing = secretsRequired ? null : new List<MissingSecret>();
        var credentials = VariableInterpolator.Interpolate(document, environment, missing).Concat(WebhookCredentials(document)).ToArray();
        var specGlobs = ReadSpecGlobs(document); // after ${VAR}s are filled in
        var secrets = new SecretStore(environment, credentials);
        IntegrationRequirements.Check(document, secrets, missing);
        ImplementationRequirements.Check(document, Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory());

        SpecCakeConfig? config = null;
        if (errors.Count == 0)
        {
            try
            {
                config = ConfigBinder.Bind(document, secrets, fullPath);
            }
            catch (JsonException exception)
            {
                // The schema should have caught anything that cannot bind; say so rather than crash.
                errors.Add(new ValidationError(file, 0, 0, $"the configuration could not be read into options: {LogText.Escaped(secrets.MaskIn(exception.Message))}"));
            }
        }

        return new ConfigLoadResult
        {
            File = file,
            Config = errors.Count == 0 ? config : null,
            // Checks after interpolation see secret values (e.g. from: "${SMTP_USER}"): mask whatever they quote.
            Errors = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Select(e => e with { Message = secrets.MaskIn(e.Message) }).ToArray(),
            Secrets = secrets,
            SpecPaths = [.. specGlobs.Select(glob => glob.Pattern)],
            SpecGlobs = specGlobs,
            MissingSecrets = missing?.Distinct().ToArray() ?? [],
        };
    }

    private static ConfigLoadResult Failed(string path, IEnvironmentVariables environment, string message) => new()
    {
        File = path,
        Errors = [new ValidationError(path, 0, 0, message)],
        Secrets = new SecretStore(environment),
    };

    /// <summary><c>specs.paths</c> with where each glob is written, or the default when it cannot be read.</summary>
    private static IReadOnlyList<SpecGlobSource> ReadSpecGlobs(ConfigDocument document)
    {
        if (document.Node("/specs/paths") is JsonArray paths && paths.Count > 0 && paths.All(p => p is JsonValue v && v.GetValueKind() == JsonValueKind.String))
        {
            var globs = new SpecGlobSource[paths.Count];
            for (var index = 0; index < globs.Length; index++)
            {
                var at = document.Map.ValueAt(JsonPointerText.Append("/specs/paths", index));
                globs[index] = new SpecGlobSource(paths[index]!.GetValue<string>(), index, document.File, at.Line, at.Column, IsDefault: false);
            }

            return globs;
        }

        return [new SpecGlobSource(new SpecsOptions().Paths[0], 0, document.File, 0, 0, IsDefault: true)];
    }

    /// <summary>Webhook URLs, HMAC secrets and header values are credentials even when written literally.</summary>
    private static IEnumerable<string> WebhookCredentials(ConfigDocument document)
    {
        if (document.Node("/integrations/webhooks/endpoints") is not JsonArray endpoints)
        {
            yield break;
        }

        foreach (var endpoint in endpoints.OfType<JsonObject>())
        {
            foreach (var key in new[] { "url", "secret" })
            {
                if (endpoint[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    yield return value.GetValue<string>();
                }
            }

            if (endpoint["headers"] is JsonObject headers)
            {
                foreach (var (_, header) in headers)
                {
                    if (header is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        yield return value.GetValue<string>();
                    }
                }
            }
        }
    }
}
