using Cake.Core;
using Spectre.Console.Cli;

namespace SpecCake.Host.Internal;

/// <summary>
/// Parses the command line and runs the host. Spectre.Console.Cli (as in Cake Frosting) owns the
/// command line's definition, help and usage errors; everyday command lines take the fast parser.
/// </summary>
internal static class HostApplication
{
    /// <summary>Set by build.sh/build.ps1 so that --help names the script the user typed.</summary>
    private const string LauncherVariable = "SPECCAKE_HOST_LAUNCHER";

    public static int Run(HostOptions options, string[] args)
    {
        StartupTrace.Mark("Run");
        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        StartupTrace.Mark("environment");
        var consoles = HostConsoles.Create(options, environment);

        var runner = new HostRunner(options, environment, consoles);
        if (FastCommandLine.TryParse(args, out var invocation))
        {
            StartupTrace.Mark("parsed");
            return runner.RunAsync(invocation).GetAwaiter().GetResult();
        }

        var app = new CommandApp<HostCommand>();
        app.WithData(runner);
        app.WithDescription("Runs build tasks on Cake's engine. Any other --name=value (or --name value) is passed to the tasks as an argument.");
        app.Configure(config =>
        {
            config.Settings.ApplicationName = Environment.GetEnvironmentVariable(LauncherVariable)
                ?? System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name;
            config.Settings.Console = consoles.Out;
            config.Settings.ExceptionHandler = (exception, _) => HostErrors.ReportUsage(consoles, exception);
        });

        StartupTrace.Mark("app configured");
        return app.Run(args);
    }
}
