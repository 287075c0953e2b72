namespace SpecCake.Host;

/// <summary>The reverse of <see cref="IsDependentOnAttribute"/>: the named task depends on this one.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IsDependeeOfAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="IsDependeeOfAttribute"/> class.</summary>
    /// <param name="task">The task class that depends on this task.</param>
    public IsDependeeOfAttribute(Type task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Task = task;
    }

    /// <summary>Gets the task class that depends on this task.</summary>
    public Type Task { get; }
}
