namespace SpecCake.Host;

/// <summary>Makes the task depend on another task class: the dependency runs first.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IsDependentOnAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="IsDependentOnAttribute"/> class.</summary>
    /// <param name="task">The task class this task depends on; it must implement <see cref="IFrostingTask"/>.</param>
    public IsDependentOnAttribute(Type task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Task = task;
    }

    /// <summary>Gets the task class depended on.</summary>
    public Type Task { get; }
}
