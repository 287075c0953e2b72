using Cake.Core;

namespace SpecCake.Host;

/// <summary>Setup before the first task and teardown after the last; see <see cref="FrostingLifetime{TContext}"/>.</summary>
public interface IFrostingLifetime
{
    /// <summary>Runs before the first task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">What is about to run.</param>
    void Setup(ICakeContext context, ISetupContext info);

    /// <summary>Runs after the last task, also when a task failed.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">How the run went.</param>
    void Teardown(ICakeContext context, ITeardownContext info);
}

/// <summary>Setup before and teardown after each task; see <see cref="FrostingTaskLifetime{TContext}"/>.</summary>
public interface IFrostingTaskLifetime
{
    /// <summary>Runs before each task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The task about to run.</param>
    void Setup(ICakeContext context, ITaskSetupContext info);

    /// <summary>Runs after each task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The task that ran.</param>
    void Teardown(ICakeContext context, ITaskTeardownContext info);
}
