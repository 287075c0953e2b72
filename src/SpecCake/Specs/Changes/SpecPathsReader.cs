using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Validation;

namespace SpecCake.Specs.Changes;

/// <summary>
/// Reads only <c>specs.paths</c> from <c>specs.config.yaml</c>: change detection needs the globs
/// even when an integration block is incomplete, and the full config is validated by the
/// notification each detected event goes through. Read as every config and spec file is
/// (<see cref="SourceText"/>, <see cref="YamlJsonReader"/>): bounded, strict UTF-8, no alias bombs.
/// </summary>
internal static class SpecPathsReader
{
    /// <summary>The globs of <paramref name="configFile"/>, or the default when it has none.</summary>
    /// <exception cref="SpecChangeDetectionException">The file is missing, too large, or not YAML.</exception>
    public static IReadOnlyList<string> Read(string configFile)
    {
        var errors = new List<ValidationError>();
        string? text;
        try
        {
            text = SourceText.Read(configFile, configFile, "configuration file", errors);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SpecChangeDetectionException(
                $"{LogText.Escaped(configFile)}: not found; DetectSpecEvents reads specs.paths from it (pass --config=<file> or run in the directory that has it).");
        }

        var document = text is null ? null : YamlJsonReader.Read(text, configFile, errors);
        if (document is null)
        {
            throw new SpecChangeDetectionException($"{errors[0]} (ValidateSpecs lists every problem)");
        }

        if (document.Root is JsonObject root && root["specs"] is JsonObject specs && specs["paths"] is JsonArray { Count: > 0 } paths
            && paths.All(path => path is JsonValue value && value.GetValueKind() == JsonValueKind.String))
        {
            return [.. paths.Select(path => path!.GetValue<string>())];
        }

        return new SpecsOptions().Paths;
    }
}
