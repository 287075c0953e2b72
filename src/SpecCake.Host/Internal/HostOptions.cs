using System.Reflection;
using Cake.Core.IO;

namespace SpecCake.Host.Internal;

/// <summary>What the <see cref="CakeHost"/> builder collected.</summary>
internal sealed class HostOptions
{
    public Type ContextType { get; set; } = typeof(FrostingContext);

    public Type? LifetimeType { get; set; }

    public Type? TaskLifetimeType { get; set; }

    public DirectoryPath? WorkingDirectory { get; set; }

    public List<Assembly> Assemblies { get; } = [];

    public List<Type> TaskTypes { get; } = [];

    public bool SpectreReport { get; set; }

    public TextWriter? Output { get; set; }

    public TextWriter? Error { get; set; }
}
