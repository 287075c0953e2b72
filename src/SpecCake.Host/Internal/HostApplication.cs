using Cake.Core;
using Spectre.Console.Cli;

namespace SpecCake.Host.Internal;

/// <summary>Parses the command line with Spectre.Console.Cli, as Cake Frosting does, and runs the host command.</summary>
internal static class HostApplication
{
    /// <summary>Set by build.sh/build.ps1 so that --help names the script the user typed.</summary>
    private const string LauncherVariable = "SPECCAKE_HOST_LAUNCHER";

    public static int Run(HostOptions options, string[] args)
    {
        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        var consoles = HostConsoles.Create(options, environment);

        var app = new CommandApp<HostCommand>();
        app.WithData(new HostState(options, environment, consoles));
        app.WithDescription("Runs build tasks on Cake's engine. Any other --name=value (or --name value) is passed to the tasks as an argument.");
        app.Configure(config =>
        {
            config.Settings.ApplicationName = Environment.GetEnvironmentVariable(LauncherVariable)
                ?? System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name;
            config.Settings.Console = consoles.Out;
            config.Settings.ExceptionHandler = (exception, _) => HostErrors.ReportUsage(consoles, exception);
        });

        return app.Run(args);
    }
}
