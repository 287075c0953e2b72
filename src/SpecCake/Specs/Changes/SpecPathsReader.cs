using SpecCake.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SpecCake.Specs.Changes;

/// <summary>
/// Reads only <c>specs.paths</c> from <c>specs.config.yaml</c>: change detection needs the globs
/// even when an integration block is incomplete, and the full config is validated by the
/// notification each detected event goes through.
/// </summary>
internal static class SpecPathsReader
{
    /// <summary>The globs of <paramref name="configFile"/>, or the default when it has none.</summary>
    /// <exception cref="SpecChangeDetectionException">The file is missing or is not YAML.</exception>
    public static IReadOnlyList<string> Read(string configFile)
    {
        if (!File.Exists(configFile))
        {
            throw new SpecChangeDetectionException(
                $"{configFile}: not found; DetectSpecEvents reads specs.paths from it (pass --config=<file> or run in the directory that has it).");
        }

        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            using var reader = File.OpenText(configFile);
            stream.Load(reader);
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException exception)
        {
            // Report the innermost YAML error: outer ones only add context.
            var cause = exception;
            while (cause.InnerException is YamlException inner)
            {
                cause = inner;
            }

            throw new SpecChangeDetectionException(
                $"{configFile}:{cause.Start.Line}:{cause.Start.Column}: {cause.Message}", exception);
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections.
            throw new SpecChangeDetectionException(
                $"{configFile}: not valid YAML (an unclosed bracket or quote?); ValidateSpecs shows where.", exception);
        }

        if (root is not null
            && root.Children.TryGetValue(new YamlScalarNode("specs"), out var specs) && specs is YamlMappingNode specsNode
            && specsNode.Children.TryGetValue(new YamlScalarNode("paths"), out var paths) && paths is YamlSequenceNode sequence)
        {
            var globs = sequence.Children.OfType<YamlScalarNode>().Select(node => node.Value).OfType<string>().ToArray();
            if (globs.Length > 0)
            {
                return globs;
            }
        }

        return new SpecsOptions().Paths;
    }
}
