using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace SpecCake.Host.Internal;

/// <summary>Finds the task classes and names them the way Cake Frosting does.</summary>
internal static class TaskCatalog
{
    private const string TaskSuffix = "Task";

    public const string ScanWarning =
        "Finds task classes by reflection over the assembly's types, which trimming may remove; a trimmed or native host registers each task with AddTask<TTask>().";

    /// <summary>The host's tasks, each once, in the order they were added.</summary>
    public static IReadOnlyList<TaskType> Find(HostOptions options)
    {
        var found = new List<TaskType>();
        var seen = new HashSet<Type>();
        foreach (var task in options.Tasks)
        {
            if (seen.Add(task.Type))
            {
                found.Add(task);
            }
        }

        return found;
    }

    /// <summary>Every task class of an assembly (<c>CakeHost.AddAssembly</c>).</summary>
    [RequiresUnreferencedCode(ScanWarning)]
    public static List<TaskType> In(Assembly assembly)
    {
        var found = new List<TaskType>();
        foreach (var type in TypesOf(assembly))
        {
            if (IsTask(type))
            {
                found.Add(new TaskType(type));
            }
        }

        return found;
    }

    [RequiresUnreferencedCode(ScanWarning)]
    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            // An assembly we do not own (a test runner) may not load whole; tasks still can.
            return partial.Types.OfType<Type>();
        }
    }

    public static string NameOf(Type taskType)
    {
        var attribute = taskType.GetCustomAttribute<TaskNameAttribute>();
        if (attribute is not null)
        {
            return attribute.Name;
        }

        var name = taskType.Name;
        return name.Length > TaskSuffix.Length && name.EndsWith(TaskSuffix, StringComparison.Ordinal)
            ? name[..^TaskSuffix.Length]
            : name;
    }

    public static bool IsTask(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
        && typeof(IFrostingTask).IsAssignableFrom(type);
}
