using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Validation;

namespace SpecCake.Specs.Changes;

/// <summary>
/// The two fields change detection needs from one version of a spec file. Deliberately
/// lenient: an unreadable version has no status, and validating it is ValidateSpecs' job.
/// </summary>
/// <param name="Id">The top-level <c>id</c>, when it is a string.</param>
/// <param name="Status">The top-level <c>status</c>, when it is a string.</param>
internal sealed record SpecFileSnapshot(string? Id, string? Status)
{
    /// <summary>Whether this version's status is <c>approved</c>.</summary>
    public bool IsApproved => string.Equals(Status, "approved", StringComparison.Ordinal);

    /// <summary>
    /// Reads a version of a spec file; null content (no such file) reads as empty, and so does one
    /// past <see cref="SourceText.MaxBytes"/> or one <see cref="YamlJsonReader"/> refuses (an alias bomb).
    /// </summary>
    public static SpecFileSnapshot Read(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml) || yaml.Length > SourceText.MaxBytes)
        {
            return new SpecFileSnapshot(null, null);
        }

        var document = YamlJsonReader.Read(yaml, "spec", new List<ValidationError>());
        return document?.Root is JsonObject root
            ? new SpecFileSnapshot(Text(root, "id"), Text(root, "status"))
            : new SpecFileSnapshot(null, null);
    }

    private static string? Text(JsonObject root, string key) =>
        root[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim() : null;
}
