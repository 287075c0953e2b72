namespace SpecCake.Host;

/// <summary>Describes a task; shown by <c>--description</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TaskDescriptionAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="TaskDescriptionAttribute"/> class.</summary>
    /// <param name="description">One line saying what the task does.</param>
    public TaskDescriptionAttribute(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Description = description;
    }

    /// <summary>Gets the description.</summary>
    public string Description { get; }
}
