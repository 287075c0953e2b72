using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SpecCake.Specs.Changes;

/// <summary>
/// The two fields change detection needs from one version of a spec file. Deliberately
/// lenient: an unreadable version has no status, and validating it is ValidateSpecs' job.
/// </summary>
/// <param name="Id">The top-level <c>id</c>, when it is a scalar.</param>
/// <param name="Status">The top-level <c>status</c>, when it is a scalar.</param>
internal sealed record SpecFileSnapshot(string? Id, string? Status)
{
    /// <summary>Whether this version's status is <c>approved</c>.</summary>
    public bool IsApproved => string.Equals(Status, "approved", StringComparison.Ordinal);

    /// <summary>Reads a version of a spec file; null content (no such file) reads as empty.</summary>
    public static SpecFileSnapshot Read(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return new SpecFileSnapshot(null, null);
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return new SpecFileSnapshot(null, null);
            }

            return new SpecFileSnapshot(Scalar(root, "id"), Scalar(root, "status"));
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException)
        {
            // InvalidOperationException: YamlDotNet's scanner on some unclosed flow collections.
            return new SpecFileSnapshot(null, null);
        }
    }

    private static string? Scalar(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } value }
            ? value.Trim()
            : null;
}
