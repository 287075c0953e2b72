using Cake.Core;

namespace SpecCake.Host;

/// <summary>Setup and teardown around the whole run, as in Cake Frosting (<c>UseLifetime&lt;T&gt;()</c>).</summary>
/// <typeparam name="TContext">The context type.</typeparam>
public abstract class FrostingLifetime<TContext> : IFrostingLifetime
    where TContext : ICakeContext
{
    /// <summary>Runs before the first task.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">What is about to run.</param>
    public abstract void Setup(TContext context, ISetupContext info);

    /// <summary>Runs after the last task, also when a task failed.</summary>
    /// <param name="context">The context.</param>
    /// <param name="info">How the run went.</param>
    public abstract void Teardown(TContext context, ITeardownContext info);

    void IFrostingLifetime.Setup(ICakeContext context, ISetupContext info) => Setup((TContext)context, info);

    void IFrostingLifetime.Teardown(ICakeContext context, ITeardownContext info) => Teardown((TContext)context, info);
}
