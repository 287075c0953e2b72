using Cake.Core;

namespace SpecCake.Host;

/// <summary>
/// A task the host registers with Cake's engine. Derive from <see cref="FrostingTask{TContext}"/>
/// or <see cref="AsyncFrostingTask{TContext}"/> rather than implementing this directly.
/// </summary>
public interface IFrostingTask
{
    /// <summary>Runs the task.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The work.</returns>
    Task RunAsync(ICakeContext context);

    /// <summary>Decides whether the task runs; a skipped task shows as skipped in the report.</summary>
    /// <param name="context">The context.</param>
    /// <returns><c>true</c> to run the task.</returns>
    bool ShouldRun(ICakeContext context);

    /// <summary>Handles an error thrown by <see cref="RunAsync"/>; once handled the build goes on.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="context">The context.</param>
    void OnError(Exception exception, ICakeContext context);

    /// <summary>Runs after the task, whether it failed or not.</summary>
    /// <param name="context">The context.</param>
    void Finally(ICakeContext context);
}
