using System.Reflection;
using Cake.Cli;
using Cake.Core;

namespace SpecCake.Host.Internal;

/// <summary>The host's version (<c>--version</c>) and, for <c>--info</c>, the Cake it runs on.</summary>
internal sealed class HostVersionResolver : IVersionResolver
{
    public string GetVersion() => Describe(Assembly.GetEntryAssembly() ?? typeof(CakeHost).Assembly);

    public string GetProductVersion() =>
        $"{Assembly.GetEntryAssembly()?.GetName().Name ?? "SpecCake.Host"} {GetVersion()}/Cake.Core {Describe(typeof(ICakeContext).Assembly)}/{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";

    private static string Describe(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrWhiteSpace(informational))
        {
            // Drop the "+commit" suffix the SDK appends; the version is what users compare.
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? informational[..plus] : informational;
        }

        return assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
