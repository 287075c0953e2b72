namespace SpecCake.Host;

/// <summary>
/// Gives a task class its Cake task name. Without it the class name is used, minus a trailing
/// <c>Task</c> (<c>ValidateSpecsTask</c> is the task <c>ValidateSpecs</c>), as in Cake Frosting.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TaskNameAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="TaskNameAttribute"/> class.</summary>
    /// <param name="name">The task name used on the command line (<c>--target</c>).</param>
    public TaskNameAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Gets the task name.</summary>
    public string Name { get; }
}
