using Cake.Core;

namespace SpecCake.Configuration;

/// <summary>Reads variables through Cake's environment, so a Cake script's overrides are seen.</summary>
internal sealed class CakeEnvironmentVariables(ICakeEnvironment environment) : IEnvironmentVariables
{
    public string? Get(string name) => environment.GetEnvironmentVariable(name);
}
