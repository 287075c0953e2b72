using Cake.Core;

namespace SpecCake.Host;

/// <summary>
/// Base class for a build's own context, as in Cake Frosting: derive from it, take an
/// <see cref="ICakeContext"/> in the constructor, and read arguments there or in tasks.
/// Every Cake alias (<c>context.Argument(..)</c>, <c>context.Information(..)</c>) works on it.
/// </summary>
public class FrostingContext : CakeContextAdapter, IFrostingContext
{
    /// <summary>Initializes a new instance of the <see cref="FrostingContext"/> class.</summary>
    /// <param name="context">Cake's context, created by the host.</param>
    public FrostingContext(ICakeContext context)
        : base(context)
    {
    }
}
