using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace SpecCake.Host.Internal;

/// <summary>Builds Cake's context by hand, with the services Cake's own runner would give it.</summary>
internal static class CakeContextFactory
{
    public static CakeContext Create(ICakeEnvironment environment, ICakeLog log, ICakeArguments arguments, CakeDataService data)
    {
        var fileSystem = new FileSystem();
        var globber = new Globber(fileSystem, environment);

        // cake.config in the working directory and CAKE_* variables apply, as with Cake itself.
        var configuration = new LazyConfiguration(fileSystem, environment, ToDictionary(arguments));

        var toolRepository = new ToolRepository(environment);
        var toolResolution = new ToolResolutionStrategy(fileSystem, environment, globber, configuration, log);
        var tools = new ToolLocator(environment, toolRepository, toolResolution);
        var processRunner = new ProcessRunner(fileSystem, environment, log, tools, configuration);
        var toolInstaller = new ToolInstaller(environment, tools, configuration, log, []);
        var registry = new WindowsRegistry();

        var services = new HostServices();
        services.Add<IFileSystem>(fileSystem);
        services.Add(environment);
        services.Add<IGlobber>(globber);
        services.Add(log);
        services.Add(arguments);
        services.Add<IProcessRunner>(processRunner);
        services.Add<IRegistry>(registry);
        services.Add<IToolLocator>(tools);
        services.Add<ICakeDataService>(data);
        services.Add<ICakeConfiguration>(configuration);
        services.Add<IToolInstaller>(toolInstaller);

        var context = new CakeContext(
            fileSystem, environment, globber, log, arguments, processRunner, registry, tools, data, configuration, toolInstaller, services);
        services.Add<ICakeContext>(context);
        return context;
    }

    private static Dictionary<string, string> ToDictionary(ICakeArguments arguments)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in arguments.GetArguments())
        {
            if (values.Count > 0)
            {
                result[name] = values.Last();
            }
        }

        return result;
    }
}
