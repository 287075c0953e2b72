using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Validation;

namespace SpecCake.Specs;

/// <summary>One spec file read and checked on its own (duplicates across files are the catalog's job).</summary>
/// <param name="Spec">The spec, when the file is valid on its own.</param>
/// <param name="Id">The ID written in the file, when it is a string (for the duplicate check).</param>
/// <param name="IdPosition">Where that ID is written.</param>
/// <param name="Errors">This file's problems.</param>
internal sealed record SpecFileResult(Spec? Spec, string? Id, SourcePosition IdPosition, IReadOnlyList<ValidationError> Errors);

/// <summary>Reads one spec file (docs/design/contract.md#spec-files): YAML → <c>schemas/spec.schema.json</c> → <see cref="Specs.Spec"/>.</summary>
internal static class SpecFileReader
{
    /// <param name="fullPath">Where to read.</param>
    /// <param name="displayPath">How errors name the file (relative to the working directory).</param>
    /// <param name="specPath">The spec's <see cref="Spec.File"/>: relative to the config folder, forward slashes.</param>
    public static SpecFileResult Read(string fullPath, string displayPath, string specPath)
    {
        var errors = new List<ValidationError>();
        string? text;
        try
        {
            text = SourceText.Read(fullPath, displayPath, "spec file", errors);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            // Matched by the glob, then gone (or a link to nothing): there is nothing to check.
            errors.Add(new ValidationError(displayPath, 0, 0, "cannot read the spec file: it no longer exists, or it is a link to nothing"));
            text = null;
        }

        return text is null ? new SpecFileResult(null, null, SourcePosition.WholeFile, errors) : Parse(text, displayPath, specPath);
    }

    public static SpecFileResult Parse(string text, string displayPath, string specPath)
    {
        // One route for every file, valid or not: the schema is the only statement of the rules.
        // A hand-written line reader and a copy of the schema's rules once skipped YamlDotNet and
        // the tree for plain files; measured without them, 10,000 specs still validate in about a
        // second, well inside the 3 s goal and ahead of ajv-cli (bench/README.md), so they went.
        var errors = new List<ValidationError>();
        var document = YamlJsonReader.Read(text, displayPath, errors);
        if (document is null)
        {
            return new SpecFileResult(null, null, SourcePosition.WholeFile, errors);
        }

        if (document.Root is not JsonObject root)
        {
            errors.Add(document.Root is null
                ? new ValidationError(displayPath, 0, 0, "the spec file is empty; a spec needs at least id, title and status")
                : new ValidationError(displayPath, 1, 1, "a spec must be a mapping of keys (id, title, status, ...), not a list or a single value"));
            return new SpecFileResult(null, null, SourcePosition.WholeFile, errors);
        }

        SchemaValidator.Spec.Validate(document, displayPath, errors);

        var id = root["id"] is JsonValue idValue && idValue.GetValueKind() == JsonValueKind.String ? idValue.GetValue<string>() : null;
        var idPosition = document.Map.ValueAt("/id");
        var fileName = Path.GetFileNameWithoutExtension(specPath);
        if (id is not null && !string.Equals(id, fileName, StringComparison.Ordinal))
        {
            var extension = Path.GetExtension(specPath);
            errors.Add(new ValidationError(displayPath, idPosition.Line, idPosition.Column,
                $"id {LogText.Quoted(id)} does not match the file name {LogText.Quoted(fileName + extension)}; rename the file to {LogText.Escaped(id + extension, LogText.ShownLength)} or set id: {LogText.Escaped(fileName, LogText.ShownLength)}"));
        }

        return new SpecFileResult(errors.Count == 0 ? ToSpec(root, specPath) : null, id, idPosition, errors);
    }

    private static Spec ToSpec(JsonObject root, string specPath) => new()
    {
        Id = Text(root, "id")!,
        Title = Text(root, "title")!,
        Status = Enum.Parse<SpecStatus>(Text(root, "status")!, ignoreCase: true),
        File = specPath,
        Type = Text(root, "type") is { } type ? Enum.Parse<SpecType>(type, ignoreCase: true) : null,
        Severity = Text(root, "severity") is { } severity ? Enum.Parse<SpecSeverity>(severity, ignoreCase: true) : null,
        Owner = Text(root, "owner"),
        Reviewers = Texts(root, "reviewers"),
        Labels = Texts(root, "labels"),
        Description = Text(root, "description"),
        AcceptanceCriteria = Criteria(root),
    };

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static IReadOnlyList<string> Texts(JsonObject obj, string key) =>
        obj[key] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToArray() : [];

    private static IReadOnlyList<AcceptanceCriterion> Criteria(JsonObject root)
    {
        if (root["acceptance_criteria"] is not JsonArray items)
        {
            return [];
        }

        var criteria = new AcceptanceCriterion[items.Count];
        for (var index = 0; index < items.Count; index++)
        {
            var position = $"AC-{index + 1}";
            criteria[index] = items[index] switch
            {
                JsonObject item => new AcceptanceCriterion(Text(item, "id") ?? position, Text(item, "text")!),
                var plain => new AcceptanceCriterion(position, plain!.GetValue<string>()),
            };
        }

        return criteria;
    }
}
