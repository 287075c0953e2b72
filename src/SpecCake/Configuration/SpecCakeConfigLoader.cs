using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Integrations;
using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// Reads <c>specs.config.yaml</c> (docs/design/contract.md#configuration): YAML → JSON Schema
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
    public static ConfigLoadResult Load(string path, IReadOnlyDictionary<string, string?> environment) => Load(path, path, environment);

    /// <summary>Reads and validates the configuration file at <paramref name="path"/>, naming it <paramref name="displayName"/> in errors.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="displayName">How errors name the file, e.g. relative to Cake's working directory.</param>
    /// <param name="environment">Where secrets and <c>${VAR}</c> values come from.</param>
    public static ConfigLoadResult Load(string path, string displayName, IReadOnlyDictionary<string, string?> environment) =>
        Load(path, displayName, environment, specPathsRead: null, secretsRequired: true);

    /// <summary>
    /// As <see cref="Load(string, string, IReadOnlyDictionary{string, string?})"/>, telling <paramref name="specPathsRead"/>
    /// the raw <c>specs.paths</c> as soon as the YAML is parsed (before any checking), so spec
    /// files can be read meanwhile without parsing the file a second time. Not called when the
    /// file cannot be read or parsed. An enabled integration's unset secret or <c>${VAR}</c> is listed
    /// in <see cref="ConfigLoadResult.MissingSecrets"/>; with <paramref name="secretsRequired"/> it is
    /// an error too (a caller that needs every enabled integration). A task asks for the ones it needs.
    /// </summary>
    internal static ConfigLoadResult Load(string path, string displayName, IReadOnlyDictionary<string, string?> environment, Action<IReadOnlyList<SpecGlobSource>>? specPathsRead, bool secretsRequired)
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
    public static ConfigLoadResult Parse(string text, string file, IReadOnlyDictionary<string, string?> environment) =>
        Parse(text, file, environment, Path.GetFullPath(file), specPathsRead: null, secretsRequired: true);

    private static ConfigLoadResult Parse(string text, string file, IReadOnlyDictionary<string, string?> environment, string fullPath, Action<IReadOnlyList<SpecGlobSource>>? specPathsRead, bool secretsRequired)
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

        var missing = new List<MissingSecret>();
        var credentials = VariableInterpolator.Interpolate(document, environment, missing).Concat(WrittenCredentials(document)).ToArray();
        var specGlobs = ReadSpecGlobs(document); // after ${VAR}s are filled in
        var secrets = new SecretStore(environment, credentials);
        IntegrationRequirements.Check(document);
        ImplementationRequirements.Check(document, Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory());

        // Bound even when other errors were found (binding reads what it can and keeps defaults
        // for the rest), so that every secret problem is reported with them at once.
        SpecCakeConfig? config = null;
        var checkedBefore = errors.Count;
        try
        {
            config = ConfigBinder.Bind(document, secrets, fullPath);
            IntegrationRequirements.CheckSecrets(document, config, secrets, missing);
        }
        catch (JsonException exception) when (checkedBefore == 0)
        {
            // The schema should have caught anything that cannot bind; say so rather than crash.
            errors.Add(new ValidationError(file, 0, 0, $"the configuration could not be read into options: {LogText.Escaped(secrets.MaskIn(exception.Message))}"));
        }
        catch (Exception exception) when (checkedBefore > 0 && exception is JsonException or InvalidOperationException or InvalidCastException or FormatException)
        {
            // A file with errors may not bind: its errors are what the user sees.
        }

        if (secretsRequired)
        {
            errors.AddRange(missing.Select(secret => secret.Error).OfType<ValidationError>().Distinct());
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
            // In file order, each integration's variables in the order it names them.
            MissingSecrets = [.. missing.Distinct().OrderBy(secret => secret.Error?.Line ?? 0).ThenBy(secret => secret.Error?.Column ?? 0)],
        };
    }

    private static ConfigLoadResult Failed(string path, IReadOnlyDictionary<string, string?> environment, string message) => new()
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

    /// <summary>
    /// Values each integration holds for credentials even when written in the file (an HMAC secret,
    /// header values); a value whose <c>${VAR}</c> is not set holds only its placeholder, no secret.
    /// </summary>
    private static IEnumerable<string> WrittenCredentials(ConfigDocument document)
    {
        foreach (var (name, block) in document.Integrations())
        {
            if (IntegrationCatalog.Find(name) is not { } descriptor)
            {
                continue;
            }

            foreach (var value in descriptor.WrittenCredentials(block))
            {
                if (!NotSet.IsIn(value))
                {
                    yield return value;
                }
            }
        }
    }
}
