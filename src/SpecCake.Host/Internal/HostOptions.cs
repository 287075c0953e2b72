using System.Diagnostics.CodeAnalysis;
using Cake.Core.IO;

namespace SpecCake.Host.Internal;

/// <summary>What the <see cref="CakeHost"/> builder collected.</summary>
internal sealed class HostOptions
{
    /// <summary>What the host reflects on in a task class: its constructor and its overrides (<see cref="TaskShape"/>).</summary>
    public const DynamicallyAccessedMemberTypes TaskMembers =
        DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods;

    /// <summary>What the host needs of a lifetime class: a constructor without parameters, public or not.</summary>
    public const DynamicallyAccessedMemberTypes LifetimeMembers =
        DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors;

    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    public Type ContextType { get; set; } = typeof(FrostingContext);

    [DynamicallyAccessedMembers(LifetimeMembers)]
    public Type? LifetimeType { get; set; }

    [DynamicallyAccessedMembers(LifetimeMembers)]
    public Type? TaskLifetimeType { get; set; }

    public DirectoryPath? WorkingDirectory { get; set; }

    public List<TaskType> Tasks { get; } = [];

    public bool SpectreReport { get; set; }

    public string? ApplicationName { get; set; }

    public TextWriter? Output { get; set; }

    public TextWriter? Error { get; set; }
}

/// <summary>A task class, with the members the host reflects on kept through trimming.</summary>
internal sealed class TaskType([DynamicallyAccessedMembers(HostOptions.TaskMembers)] Type type)
{
    [DynamicallyAccessedMembers(HostOptions.TaskMembers)]
    public Type Type { get; } = type;
}
