using SpecCake.Specs;

namespace SpecCake.Implementation;

/// <summary>
/// The spec branch: the <c>branch</c> pattern with <c>{id}</c> (the lower-case spec ID) and
/// <c>{type}</c>, held to git's rules for branch names (<c>git check-ref-format --branch</c>) so
/// nothing a spec contains can make it an option, a range or an odd ref.
/// </summary>
public static class BranchName
{
    /// <summary>The branch for <paramref name="spec"/>.</summary>
    /// <param name="pattern">The <c>branch</c> pattern, e.g. <c>spec/{id}</c>.</param>
    /// <param name="spec">The spec.</param>
    /// <exception cref="ArgumentException">The result is not a valid branch name.</exception>
    public static string For(string pattern, Spec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Expand(pattern, spec.Id, spec.Type?.ToString() ?? "spec");
    }

    /// <summary>The pattern with <c>{id}</c> and <c>{type}</c> replaced (both lower-cased).</summary>
    /// <param name="pattern">The <c>branch</c> pattern.</param>
    /// <param name="id">The spec ID.</param>
    /// <param name="type">The spec type.</param>
    /// <exception cref="ArgumentException">The result is not a valid branch name.</exception>
    public static string Expand(string pattern, string id, string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(type);
        var name = pattern
            .Replace("{id}", id.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{type}", type.ToLowerInvariant(), StringComparison.Ordinal);
        return Problem(name) is { } problem
            ? throw new ArgumentException($"'{Printable(name)}' is not a valid git branch name: {problem}.")
            : name;
    }

    /// <summary>Why <paramref name="name"/> is not a valid branch name, or null when it is.</summary>
    /// <param name="name">The candidate.</param>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > 200)
        {
            return "it must be 1 to 200 characters long";
        }

        foreach (var c in name)
        {
            if (c < 0x20 || c == 0x7f || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\')
            {
                return "it contains a space, a control character or one of ~ ^ : ? * [ \\";
            }
        }

        if (name.StartsWith('-') || name.StartsWith('/') || name.EndsWith('/') || name.EndsWith('.'))
        {
            return "it may not start with '-' or '/', nor end with '/' or '.'";
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.Contains("//", StringComparison.Ordinal) || name.Contains("@{", StringComparison.Ordinal) || name == "@")
        {
            return "it may not contain '..', '//' or '@{', nor be '@'";
        }

        foreach (var component in name.Split('/'))
        {
            if (component.StartsWith('.') || component.EndsWith(".lock", StringComparison.Ordinal))
            {
                return "no part between slashes may start with '.' or end with '.lock'";
            }
        }

        return null;
    }

    private static string Printable(string name) =>
        string.Concat(name.Take(80).Select(c => char.IsControl(c) ? '?' : c));
}
