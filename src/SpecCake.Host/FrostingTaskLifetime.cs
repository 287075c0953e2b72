using Cake.Core;

namespace SpecCake.Host;

/// <summary>Setup and teardown around each task, as in Cake Frosting (<c>UseTaskLifetime&lt;T&gt;()</c>).</summary>
/// <typeparam name="TContext">The context type.</typeparam>
public abstract class FrostingTaskLifetime<TContext> : IFrostingTaskLifetime
    where TContext : ICakeContext
{
    /// <summary>Runs before each task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The task about to run.</param>
    public abstract void Setup(TContext context, ITaskSetupContext info);

    /// <summary>Runs after each task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">The task that ran.</param>
    public abstract void Teardown(TContext context, ITaskTeardownContext info);

    void IFrostingTaskLifetime.Setup(ICakeContext context, ITaskSetupContext info) => Setup((TContext)context, info);

    void IFrostingTaskLifetime.Teardown(ICakeContext context, ITaskTeardownContext info) => Teardown((TContext)context, info);
}
