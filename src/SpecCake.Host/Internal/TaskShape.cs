using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Cake.Core;

namespace SpecCake.Host.Internal;

/// <summary>
/// Which members a task class overrides and the context it runs with. Cake treats a registered
/// error handler as "handled" and a registered body as "not delegated", so only overrides count.
/// </summary>
internal sealed record TaskShape(Type ContextType, bool OverridesRun, bool OverridesShouldRun, bool OverridesOnError, bool OverridesFinally)
{
    public static TaskShape Of([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type taskType)
    {
        for (var type = taskType.BaseType; type is not null; type = type.BaseType)
        {
            if (!type.IsGenericType)
            {
                continue;
            }

            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(FrostingTask<>) || definition == typeof(AsyncFrostingTask<>))
            {
                var context = type.GetGenericArguments()[0];
                var run = definition == typeof(FrostingTask<>) ? "Run" : "RunAsync";
                return new TaskShape(
                    context,
                    Overrides(taskType, definition, run, context),
                    Overrides(taskType, definition, "ShouldRun", context),
                    Overrides(taskType, definition, "OnError", typeof(Exception), context),
                    Overrides(taskType, definition, "Finally", context));
            }
        }

        // A class implementing IFrostingTask directly: every member is its own.
        return new TaskShape(typeof(ICakeContext), true, true, true, true);
    }

    private static bool Overrides([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type taskType, Type baseDefinition, string name, params Type[] parameters)
    {
        var method = taskType.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters);
        var declaring = method?.DeclaringType;
        return declaring is not null
            && !(declaring.IsGenericType && declaring.GetGenericTypeDefinition() == baseDefinition);
    }
}
