using SpecCake.Validation;

namespace SpecCake.Specs;

/// <summary>One <c>specs.paths</c> glob, and where the configuration writes it (for errors about it).</summary>
/// <param name="Pattern">The glob, e.g. <c>specs/**/*.yaml</c>.</param>
/// <param name="Index">Its place in the list.</param>
/// <param name="File">How errors name the configuration file.</param>
/// <param name="Line">Where the glob is written; 0 when it is not (the default, or a caller's list).</param>
/// <param name="Column">Where the glob is written; 0 when it is not.</param>
/// <param name="IsDefault">Whether nobody wrote it: the default <c>specs/**/*.yaml</c>.</param>
internal sealed record SpecGlobSource(string Pattern, int Index, string File, int Line, int Column, bool IsDefault)
{
    /// <summary>The globs of a list given without places (the library's own callers).</summary>
    public static IReadOnlyList<SpecGlobSource> Unplaced(IEnumerable<string> patterns, string file) =>
        [.. patterns.Select((pattern, index) => new SpecGlobSource(pattern, index, file, 0, 0, IsDefault: false))];

    /// <summary>An error about this glob, at its place: <c>specs.paths[0] 'x' ...</c>.</summary>
    public ValidationError Problem(string what) =>
        new(File, Line, Column, $"specs.paths[{Index}] {LogText.Quoted(Pattern)} {what}");
}
