namespace SpecCake.Validation;

/// <summary>
/// One problem found in a spec file or in <c>specs.config.yaml</c>, with the place it was found
/// and, where there is one, the fix.
/// </summary>
/// <param name="File">The file, as the user named it or relative to the working directory.</param>
/// <param name="Line">One-based line; 0 when the problem concerns the whole file.</param>
/// <param name="Column">One-based column; 0 when the problem concerns the whole file.</param>
/// <param name="Message">What is wrong and how to fix it. Never contains a secret value.</param>
public sealed record ValidationError(string File, int Line, int Column, string Message)
{
    /// <summary>The conventional compiler-style form: <c>file:line:column: message</c> (a file name from the repository escaped, as every value is).</summary>
    public override string ToString() =>
        Line > 0 ? $"{LogText.Escaped(File)}:{Line}:{Column}: {Message}" : $"{LogText.Escaped(File)}: {Message}";
}
