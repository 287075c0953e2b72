using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Cake.Core.IO;
using SpecCake.Host.Internal;

namespace SpecCake.Host;

/// <summary>
/// Builds and runs a Cake Frosting-style host on Cake's own engine:
/// <code>return new CakeHost().UseContext&lt;BuildContext&gt;().Run(args);</code>
/// Tasks are the <see cref="IFrostingTask"/> classes added with <see cref="AddTask{TTask}"/> (trim- and
/// native-AOT-safe) or found in an assembly added with <see cref="AddAssembly"/>. The command line is
/// Cake's (<c>--target</c>, <c>--verbosity</c>, <c>--dryrun</c>, <c>--exclusive</c>, <c>--tree</c>,
/// <c>--description</c>, <c>--working</c>, <c>--version</c>, <c>--info</c>, <c>--help</c>); every
/// other <c>--name=value</c>, <c>--name value</c> or bare <c>--flag</c> (= <c>true</c>) reaches
/// <c>context.Argument(..)</c>.
/// </summary>
public sealed class CakeHost
{
    private readonly HostOptions _options = new();

    /// <summary>Sets the context type tasks run with; it needs a constructor taking <c>ICakeContext</c>.</summary>
    /// <typeparam name="TContext">The context type, usually derived from <see cref="FrostingContext"/>.</typeparam>
    /// <returns>This host.</returns>
    public CakeHost UseContext<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TContext>()
        where TContext : class, IFrostingContext
    {
        _options.ContextType = typeof(TContext);
        return this;
    }

    /// <summary>Sets the setup/teardown run around the whole build.</summary>
    /// <typeparam name="TLifetime">The lifetime type; it needs a parameterless constructor.</typeparam>
    /// <returns>This host.</returns>
    public CakeHost UseLifetime<[DynamicallyAccessedMembers(HostOptions.LifetimeMembers)] TLifetime>()
        where TLifetime : class, IFrostingLifetime
    {
        _options.LifetimeType = typeof(TLifetime);
        return this;
    }

    /// <summary>Sets the setup/teardown run around each task.</summary>
    /// <typeparam name="TLifetime">The task lifetime type; it needs a parameterless constructor.</typeparam>
    /// <returns>This host.</returns>
    public CakeHost UseTaskLifetime<[DynamicallyAccessedMembers(HostOptions.LifetimeMembers)] TLifetime>()
        where TLifetime : class, IFrostingTaskLifetime
    {
        _options.TaskLifetimeType = typeof(TLifetime);
        return this;
    }

    /// <summary>Sets the working directory used when <c>--working</c> is not given.</summary>
    /// <param name="path">The directory, relative to the current directory or absolute.</param>
    /// <returns>This host.</returns>
    public CakeHost UseWorkingDirectory(DirectoryPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _options.WorkingDirectory = path;
        return this;
    }

    /// <summary>
    /// Adds the task classes found in an assembly, by reflection over its types: not for a trimmed or
    /// native host, which adds each task with <see cref="AddTask{TTask}"/>.
    /// </summary>
    /// <param name="assembly">The assembly.</param>
    /// <returns>This host.</returns>
    [RequiresUnreferencedCode(TaskCatalog.ScanWarning)]
    public CakeHost AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _options.Tasks.AddRange(TaskCatalog.In(assembly));
        return this;
    }

    /// <summary>Adds one task class.</summary>
    /// <typeparam name="TTask">The task type; it needs a parameterless constructor.</typeparam>
    /// <returns>This host.</returns>
    public CakeHost AddTask<[DynamicallyAccessedMembers(HostOptions.TaskMembers)] TTask>()
        where TTask : class, IFrostingTask
    {
        _options.Tasks.Add(new TaskType(typeof(TTask)));
        return this;
    }

    /// <summary>
    /// Names the program in <c>--help</c> and usage errors (e.g. <c>dotnet speccake</c>); the
    /// <c>SPECCAKE_HOST_LAUNCHER</c> environment variable, which build.sh and build.ps1 set, wins.
    /// </summary>
    /// <param name="name">The command a user types to start the host.</param>
    /// <returns>This host.</returns>
    public CakeHost UseApplicationName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _options.ApplicationName = name;
        return this;
    }

    /// <summary>
    /// Prints task headers and the final task report with Spectre.Console (Cake.Cli's
    /// <c>CakeSpectreReportPrinter</c>) instead of Cake's classic report printer. Prettier, but loading
    /// and initialising Spectre.Console adds about 75 ms to every start (measured, ReadyToRun).
    /// </summary>
    /// <returns>This host.</returns>
    public CakeHost UseSpectreReport()
    {
        _options.SpectreReport = true;
        return this;
    }

    /// <summary>
    /// Writes the host's output to the given writers instead of the process console (no colours);
    /// for embedding the host and for tests.
    /// </summary>
    /// <param name="output">Where output and the task report go.</param>
    /// <param name="error">Where errors go; the output writer when null.</param>
    /// <returns>This host.</returns>
    public CakeHost UseConsole(TextWriter output, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _options.Output = output;
        _options.Error = error ?? output;
        return this;
    }

    /// <summary>Runs the host with the command line arguments.</summary>
    /// <param name="args">The arguments, as passed to <c>Main</c>.</param>
    /// <returns>The process exit code: 0 on success, non-zero on any failure.</returns>
    public int Run(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return HostApplication.Run(_options, args as string[] ?? args.ToArray());
    }
}
