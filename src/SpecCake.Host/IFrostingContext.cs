using Cake.Core;

namespace SpecCake.Host;

/// <summary>The context tasks run with; <see cref="FrostingContext"/> is the usual base.</summary>
public interface IFrostingContext : ICakeContext
{
}
