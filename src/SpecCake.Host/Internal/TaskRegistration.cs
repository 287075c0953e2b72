using System.Reflection;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace SpecCake.Host.Internal;

/// <summary>Registers a task class with Cake's engine: body, criteria, error and finally handlers, dependencies.</summary>
internal static class TaskRegistration
{
    public static void Register(ICakeEngine engine, ICakeContext context, TaskType task, ICakeLog log)
    {
        var taskType = task.Type;
        var name = TaskCatalog.NameOf(taskType);
        var shape = TaskShape.Of(taskType);
        if (!shape.ContextType.IsInstanceOfType(context))
        {
            log.Warning(
                "Task '{0}' is not registered: it runs with {1}, and the host's context is {2}.",
                name,
                shape.ContextType.Name,
                context.GetType().Name);
            return;
        }

        // The task object is created when Cake first needs it, not for tasks that never run.
        var instance = new Lazy<IFrostingTask>(() => (IFrostingTask)Activator.CreateInstance(taskType, nonPublic: true)!);
        var builder = engine.RegisterTask(name);

        var description = taskType.GetCustomAttribute<TaskDescriptionAttribute>()?.Description;
        if (!string.IsNullOrWhiteSpace(description))
        {
            builder.Description(description);
        }

        // A task without a body only groups its dependencies; Cake reports it as delegated.
        if (shape.OverridesRun)
        {
            builder.Does(() => instance.Value.RunAsync(context));
        }

        if (shape.OverridesShouldRun)
        {
            builder.WithCriteria(() => instance.Value.ShouldRun(context), $"{name}.ShouldRun returned false.");
        }

        if (taskType.GetCustomAttribute<ContinueOnErrorAttribute>() is not null)
        {
            builder.ContinueOnError();
        }

        // Registering an error handler tells Cake the error is handled: only when the task has one.
        if (shape.OverridesOnError)
        {
            builder.OnError(exception => instance.Value.OnError(exception, context));
        }

        if (shape.OverridesFinally)
        {
            builder.Finally(() => instance.Value.Finally(context));
        }

        foreach (var dependency in taskType.GetCustomAttributes<IsDependentOnAttribute>())
        {
            builder.IsDependentOn(DependencyName(name, dependency.Task));
        }

        foreach (var dependee in taskType.GetCustomAttributes<IsDependeeOfAttribute>())
        {
            builder.IsDependeeOf(DependencyName(name, dependee.Task));
        }
    }

    private static string DependencyName(string taskName, Type dependency)
    {
        if (!TaskCatalog.IsTask(dependency))
        {
            throw new CakeException($"Task '{taskName}' depends on '{dependency.Name}', which is not a task class (IFrostingTask).");
        }

        return TaskCatalog.NameOf(dependency);
    }
}
