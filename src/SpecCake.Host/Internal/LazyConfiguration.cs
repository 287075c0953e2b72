using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.IO;

namespace SpecCake.Host.Internal;

/// <summary>
/// Cake's configuration (cake.config, CAKE_* variables, --settings_* arguments), read on first
/// use: most runs never ask for a setting, and reading them costs about 10 ms at start-up.
/// </summary>
internal sealed class LazyConfiguration(IFileSystem fileSystem, ICakeEnvironment environment, IDictionary<string, string> arguments)
    : ICakeConfiguration
{
    private readonly Lazy<ICakeConfiguration> _configuration = new(() =>
        new CakeConfigurationProvider(fileSystem, environment).CreateConfiguration(environment.WorkingDirectory, arguments));

    public string GetValue(string key) => _configuration.Value.GetValue(key);
}
