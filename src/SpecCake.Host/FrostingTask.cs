using Cake.Core;

namespace SpecCake.Host;

/// <summary>
/// Base class for a synchronous task, as in Cake Frosting. Override <see cref="Run"/>; a task
/// that overrides nothing only groups its dependencies (the <c>Default</c> task).
/// </summary>
/// <typeparam name="TContext">The context type the task runs with.</typeparam>
public abstract class FrostingTask<TContext> : IFrostingTask
    where TContext : ICakeContext
{
    /// <summary>Runs the task.</summary>
    /// <param name="context">The context.</param>
    public virtual void Run(TContext context)
    {
    }

    /// <summary>Decides whether the task runs.</summary>
    /// <param name="context">The context.</param>
    /// <returns><c>true</c> to run the task.</returns>
    public virtual bool ShouldRun(TContext context) => true;

    /// <summary>Handles an error thrown by <see cref="Run"/>; once handled the build goes on.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="context">The context.</param>
    public virtual void OnError(Exception exception, TContext context)
    {
    }

    /// <summary>Runs after the task, whether it failed or not.</summary>
    /// <param name="context">The context.</param>
    public virtual void Finally(TContext context)
    {
    }

    Task IFrostingTask.RunAsync(ICakeContext context)
    {
        Run((TContext)context);
        return Task.CompletedTask;
    }

    bool IFrostingTask.ShouldRun(ICakeContext context) => ShouldRun((TContext)context);

    void IFrostingTask.OnError(Exception exception, ICakeContext context) => OnError(exception, (TContext)context);

    void IFrostingTask.Finally(ICakeContext context) => Finally((TContext)context);
}

/// <summary>A synchronous task that runs with the plain <see cref="ICakeContext"/>.</summary>
public abstract class FrostingTask : FrostingTask<ICakeContext>
{
}
