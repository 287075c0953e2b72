using SpecCake.Host;

namespace SpecCake.Host.Tests.Sample;

/// <summary>What one run of the sample host showed: exit code and the two streams.</summary>
public sealed record HostRun(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}

/// <summary>Runs the sample build in-process with the console captured.</summary>
public static class SampleHost
{
    public static HostRun Run(params string[] args) => Run(host => host, args);

    public static HostRun Run(Func<CakeHost, CakeHost> configure, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = configure(new CakeHost())
            .UseContext<SampleContext>()
            .UseLifetime<SampleLifetime>()
            .UseTaskLifetime<SampleTaskLifetime>()
            .AddAssembly(typeof(SampleHost).Assembly)
            .UseConsole(output, error)
            .Run(args);
        return new HostRun(exitCode, output.ToString(), error.ToString());
    }
}
