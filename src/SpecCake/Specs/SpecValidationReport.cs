using SpecCake.Configuration;
using SpecCake.Validation;

namespace SpecCake.Specs;

/// <summary>
/// What ValidateSpecs found: the configuration, the spec catalog, and every error of both.
/// A <c>validation_failed</c> event can be built from <see cref="Errors"/> and <see cref="InvalidFiles"/>.
/// </summary>
public sealed record SpecValidationReport
{
    /// <summary>The configuration file as read.</summary>
    public required ConfigLoadResult Config { get; init; }

    /// <summary>The spec files as read.</summary>
    public required SpecCatalog Catalog { get; init; }

    /// <summary>
    /// Every error: the configuration's first (with the catalog's errors about its <c>specs.paths</c>,
    /// in line order), then each spec file's.
    /// </summary>
    public IReadOnlyList<ValidationError> Errors =>
    [
        .. Config.Errors.Concat(Catalog.Errors.Where(e => e.File == Config.File)).OrderBy(e => e.Line).ThenBy(e => e.Column),
        .. Catalog.Errors.Where(e => e.File != Config.File),
    ];

    /// <summary>The files with at least one error, as the errors name them.</summary>
    public IReadOnlyList<string> InvalidFiles => Errors.Select(e => e.File).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Whether the configuration and every spec file are valid.</summary>
    public bool IsValid => Config.IsValid && Catalog.Errors.Count == 0;
}
