namespace SpecCake.Configuration;

/// <summary>
/// Where SpecCake reads environment variables (secrets and <c>${VAR}</c> references) from.
/// Cake passes its <c>ICakeEnvironment</c>; tests pass a dictionary.
/// </summary>
public interface IEnvironmentVariables
{
    /// <summary>The variable's value, or null when it is not set.</summary>
    /// <param name="name">The variable name, e.g. <c>SLACK_WEBHOOK_URL</c>.</param>
    string? Get(string name);
}

/// <summary>Ready-made <see cref="IEnvironmentVariables"/>.</summary>
public static class EnvironmentVariables
{
    /// <summary>The current process's environment.</summary>
    public static IEnvironmentVariables Process { get; } = new ProcessEnvironmentVariables();

    /// <summary>A fixed set of variables (tests, or a host that already holds them).</summary>
    /// <param name="variables">Name → value.</param>
    public static IEnvironmentVariables FromDictionary(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new DictionaryEnvironmentVariables(new Dictionary<string, string>(variables, StringComparer.Ordinal));
    }

    private sealed class ProcessEnvironmentVariables : IEnvironmentVariables
    {
        public string? Get(string name) => Environment.GetEnvironmentVariable(name);
    }

    private sealed class DictionaryEnvironmentVariables(Dictionary<string, string> variables) : IEnvironmentVariables
    {
        public string? Get(string name) => variables.TryGetValue(name, out var value) ? value : null;
    }
}
