using Cake.Core;

namespace SpecCake.Configuration;

/// <summary>Reads the variables of Cake's environment (a Cake script's and a test's included) into the one form SpecCake takes them in.</summary>
internal static class CakeEnvironmentVariables
{
    /// <summary>Every variable, name → value.</summary>
    /// <param name="environment">Cake's environment.</param>
    public static IReadOnlyDictionary<string, string?> Read(ICakeEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.GetEnvironmentVariables().ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.Ordinal);
    }
}
