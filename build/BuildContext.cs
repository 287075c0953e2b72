using Cake.Core;
using SpecCake.Host;

namespace SpecCake.Build;

/// <summary>
/// The build context, as in the Cake Frosting template. The tasks read their arguments through the
/// addin's <c>XxxSettings.FromArguments</c>, the same reading the recipe's tasks use, so the host,
/// the tool and the recipe take the same command line.
/// </summary>
public sealed class BuildContext(ICakeContext context) : FrostingContext(context)
{
}
