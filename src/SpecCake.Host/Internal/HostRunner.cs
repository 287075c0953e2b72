using Cake.Cli;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace SpecCake.Host.Internal;

/// <summary>Runs a parsed command line: build Cake's context, register the tasks, run what was asked.</summary>
internal sealed class HostRunner(HostOptions options, ICakeEnvironment environment, HostConsoles consoles)
{
    public async Task<int> RunAsync(HostInvocation settings)
    {
        StartupTrace.Mark("command");
        var log = new CakeBuildLog(consoles.Console, settings.Verbosity);
        try
        {
            if (settings.Version)
            {
                consoles.Console.WriteLine(new HostVersionResolver().GetVersion());
                return 0;
            }

            if (settings.Info)
            {
                new InfoFeature(new HostVersionResolver()).Run(consoles.Console);
                return 0;
            }

            StartupTrace.Mark("log");
            SetWorkingDirectory(settings);

            var arguments = HostArguments.Create(settings.Remaining, settings);
            StartupTrace.Mark("arguments");
            var data = new CakeDataService();
            var cakeContext = CakeContextFactory.Create(environment, log, arguments, data);
            StartupTrace.Mark("cake context");
            var buildContext = CreateBuildContext(cakeContext);

            StartupTrace.Mark("context");
            var engine = new CakeEngine(data, log);
            foreach (var task in TaskCatalog.Find(options))
            {
                TaskRegistration.Register(engine, buildContext, task, log);
            }

            RegisterLifetimes(engine, buildContext);
            StartupTrace.Mark("tasks registered");

            if (settings.Description)
            {
                await new DescriptionScriptHost(engine, buildContext, consoles.Out).RunTargetsAsync(settings.Targets).ConfigureAwait(false);
                return 0;
            }

            EnsureTargetsExist(engine, settings.Targets);
            if (settings.Tree)
            {
                await new TreeScriptHost(engine, buildContext, consoles.Console).RunTargetsAsync(settings.Targets).ConfigureAwait(false);
                StartupTrace.Mark("done");
                return 0;
            }

            await RunTargetsAsync(engine, buildContext, log, settings).ConfigureAwait(false);
            StartupTrace.Mark("done");
            return 0;
        }
        catch (Exception exception)
        {
            StartupTrace.Mark("reported");
            var exitCode = HostErrors.Report(log, exception);
            StartupTrace.Mark("error logged");
            return exitCode;
        }
    }

    private async Task RunTargetsAsync(CakeEngine engine, ICakeContext context, ICakeLog log, HostInvocation settings)
    {
        // Cake's classic report by default: Spectre.Console's (CakeSpectreReportPrinter) costs about
        // 75 ms per start here (terminal detection, widget rendering), more than the rest of the host.
        ICakeReportPrinter printer = options.SpectreReport
            ? new CakeSpectreReportPrinter(consoles.Out)
            : new CakeReportPrinter(consoles.Console, context);
        var strategy = new DefaultExecutionStrategy(log, printer);
        var execution = new ExecutionSettings().SetTargets(settings.Targets);
        if (settings.Exclusive)
        {
            execution.UseExclusiveTarget();
        }

        StartupTrace.Mark("printer");
        var printReport = settings.Verbosity > Verbosity.Quiet && !context.Arguments.HasArgument("noreport");
        try
        {
            var report = await engine.RunTargetAsync(context, strategy, execution).ConfigureAwait(false);
            StartupTrace.Mark("ran");
            if (printReport && report is { IsEmpty: false })
            {
                printer.Write(report);
            }
        }
        catch (CakeReportException failure) when (printReport && failure.Report is { IsEmpty: false })
        {
            // The report of a failed run shows which task failed and what ran before it.
            StartupTrace.Mark("ran");
            printer.Write(failure.Report);
            throw;
        }
    }

    private void SetWorkingDirectory(HostInvocation settings)
    {
        var directory = settings.WorkingDirectory ?? options.WorkingDirectory;
        if (directory is null)
        {
            return;
        }

        directory = directory.MakeAbsolute(environment);
        if (!Directory.Exists(directory.FullPath))
        {
            throw new CakeException($"The working directory '{directory.FullPath}' does not exist.");
        }

        environment.WorkingDirectory = directory;
    }

    private ICakeContext CreateBuildContext(ICakeContext cakeContext)
    {
        if (options.ContextType == typeof(FrostingContext))
        {
            return new FrostingContext(cakeContext);
        }

        var constructor = options.ContextType.GetConstructor([typeof(ICakeContext)])
            ?? throw new CakeException($"The context {options.ContextType.Name} needs a public constructor taking ICakeContext.");
        return (ICakeContext)constructor.Invoke([cakeContext]);
    }

    private void RegisterLifetimes(CakeEngine engine, ICakeContext context)
    {
        if (options.LifetimeType is { } lifetimeType)
        {
            var lifetime = (IFrostingLifetime)Activator.CreateInstance(lifetimeType, nonPublic: true)!;
            engine.RegisterSetupAction(info => lifetime.Setup(context, info));
            engine.RegisterTeardownAction(info => lifetime.Teardown(context, info));
        }

        if (options.TaskLifetimeType is { } taskLifetimeType)
        {
            var lifetime = (IFrostingTaskLifetime)Activator.CreateInstance(taskLifetimeType, nonPublic: true)!;
            engine.RegisterTaskSetupAction(info => lifetime.Setup(context, info));
            engine.RegisterTaskTeardownAction(info => lifetime.Teardown(context, info));
        }
    }

    private static void EnsureTargetsExist(CakeEngine engine, IReadOnlyList<string> targets)
    {
        foreach (var target in targets)
        {
            if (!engine.Tasks.Any(task => task.Name.Equals(target, StringComparison.OrdinalIgnoreCase)))
            {
                var valid = engine.Tasks.Select(task => task.Name).Order(StringComparer.OrdinalIgnoreCase);
                throw new CakeException($"The target '{target}' was not found. Valid targets: {string.Join(", ", valid)}.");
            }
        }
    }
}
