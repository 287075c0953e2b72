using Cake.Core;

namespace SpecCake.Host.Internal;

/// <summary>Parses the command line and runs the host, prints help, or reports a usage error.</summary>
internal static class HostApplication
{
    /// <summary>Set by build.sh/build.ps1 so that messages name the script the user typed.</summary>
    private const string LauncherVariable = "SPECCAKE_HOST_LAUNCHER";

    public static int Run(HostOptions options, string[] args)
    {
        StartupTrace.Mark("Run");
        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        StartupTrace.Mark("environment");
        var consoles = HostConsoles.Create(options, environment);
        var applicationName = Environment.GetEnvironmentVariable(LauncherVariable) is { Length: > 0 } launcher
            ? launcher
            : options.ApplicationName ?? System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "host";

        var commandLine = HostCommandLine.Parse(args);
        StartupTrace.Mark("parsed");
        if (commandLine.Invocation is { } invocation)
        {
            return new HostRunner(options, environment, consoles).RunAsync(invocation).GetAwaiter().GetResult();
        }

        if (commandLine.ShowHelp)
        {
            HostHelp.Write(consoles.Console, applicationName);
            return 0;
        }

        return HostErrors.ReportUsage(consoles, commandLine.UsageError!, applicationName);
    }
}
