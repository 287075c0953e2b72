namespace SpecCake.Configuration;

/// <summary>
/// Ready-made environments. Everywhere SpecCake reads environment variables (secrets, <c>${VAR}</c>
/// references, CI values) it takes them as one type, a name → value dictionary (null or absent: not
/// set): Cake's environment is read into one once (<see cref="CakeEnvironmentVariables"/>), tests pass their own.
/// </summary>
public static class EnvironmentVariables
{
    /// <summary>The current process's environment, as it is now.</summary>
    public static IReadOnlyDictionary<string, string?> Process =>
        Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => entry.Value as string, StringComparer.Ordinal);

    /// <summary>A fixed set of variables (tests, or a host that already holds them).</summary>
    /// <param name="variables">Name → value.</param>
    public static IReadOnlyDictionary<string, string?> FromDictionary(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables.ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.Ordinal);
    }
}
