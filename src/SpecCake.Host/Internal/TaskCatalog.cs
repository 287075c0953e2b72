using System.Reflection;

namespace SpecCake.Host.Internal;

/// <summary>Finds the task classes and names them the way Cake Frosting does.</summary>
internal static class TaskCatalog
{
    private const string TaskSuffix = "Task";

    public static IReadOnlyList<Type> Find(HostOptions options)
    {
        var found = new List<Type>();
        var seen = new HashSet<Type>();
        foreach (var type in options.TaskTypes)
        {
            if (seen.Add(type))
            {
                found.Add(type);
            }
        }

        var assemblies = new List<Assembly>();
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            assemblies.Add(entry);
        }

        assemblies.AddRange(options.Assemblies);
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var type in TypesOf(assembly))
            {
                if (IsTask(type) && seen.Add(type))
                {
                    found.Add(type);
                }
            }
        }

        return found;
    }

    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            // An entry assembly we do not own (a test runner) may not load whole; tasks still can.
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
