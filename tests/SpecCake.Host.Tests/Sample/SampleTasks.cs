using Cake.Core;
using SpecCake.Host;

namespace SpecCake.Host.Tests.Sample;

// A tiny build defined in the test assembly: the host kit is tested through it, in-process.

[TaskDescription("Runs Second and its dependencies.")]
[IsDependentOn(typeof(SecondTask))]
public sealed class DefaultTask : FrostingTask<SampleContext>
{
}

[TaskDescription("Prints the arguments it reads.")]
public sealed class FirstTask : FrostingTask<SampleContext>
{
    public override void Run(SampleContext context)
    {
        context.Say("ran First");
        context.Say($"greeting={context.Greeting}");
        foreach (var name in new[] { "event", "spec", "pr-url", "flag", "dryrun", "noop", "whatif", "target", "exclusive" })
        {
            if (context.Arguments.HasArgument(name))
            {
                context.Say($"arg {name}={string.Join("|", context.Arguments.GetArguments(name))}");
            }
        }
    }
}

[TaskName("Second")]
[IsDependentOn(typeof(FirstTask))]
public sealed class SecondTask : AsyncFrostingTask<SampleContext>
{
    public override async Task RunAsync(SampleContext context)
    {
        await Task.Yield();
        context.Say("ran Second");
    }
}

public sealed class FailingTask : FrostingTask<SampleContext>
{
    public override void Run(SampleContext context) => throw new CakeException(3, "The spec file is broken.");

    public override void Finally(SampleContext context) => context.Say("finally after Failing");
}

public sealed class CrashingTask : FrostingTask<SampleContext>
{
    public override void Run(SampleContext context) => throw new InvalidOperationException("Something unexpected.");
}

public sealed class RecoveringTask : FrostingTask<SampleContext>
{
    public override void Run(SampleContext context) => throw new InvalidOperationException("recoverable");

    public override void OnError(Exception exception, SampleContext context) => context.Say($"handled: {exception.Message}");
}

[IsDependentOn(typeof(RecoveringTask))]
public sealed class AfterRecoveryTask : FrostingTask<SampleContext>
{
    public override void Run(SampleContext context) => context.Say("ran AfterRecovery");
}

public sealed class ConditionalTask : FrostingTask<SampleContext>
{
    public override bool ShouldRun(SampleContext context) => context.Arguments.HasArgument("enable");

    public override void Run(SampleContext context) => context.Say("ran Conditional");
}

[IsDependentOn(typeof(ConditionalTask))]
public sealed class AfterConditionalTask : FrostingTask<SampleContext>
{
    public override void Run(SampleContext context) => context.Say("ran AfterConditional");
}

public sealed class SampleLifetime : FrostingLifetime<SampleContext>
{
    public override void Setup(SampleContext context, ISetupContext info) => context.Say($"setup for {info.TargetTask.Name}");

    public override void Teardown(SampleContext context, ITeardownContext info) => context.Say($"teardown successful={info.Successful}");
}

public sealed class SampleTaskLifetime : FrostingTaskLifetime<SampleContext>
{
    public override void Setup(SampleContext context, ITaskSetupContext info) => context.Say($"before {info.Task.Name}");

    public override void Teardown(SampleContext context, ITaskTeardownContext info) => context.Say($"after {info.Task.Name}");
}
