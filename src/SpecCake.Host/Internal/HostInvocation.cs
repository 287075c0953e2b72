using Cake.Core.Diagnostics;
using Cake.Core.IO;

namespace SpecCake.Host.Internal;

/// <summary>
/// A parsed command line: the host options and, in <c>Remaining</c>, every argument the host does
/// not know, keyed as written (<c>--name</c>); a null value is a bare flag.
/// </summary>
internal sealed record HostInvocation(
    IReadOnlyList<string> Targets,
    DirectoryPath? WorkingDirectory,
    Verbosity Verbosity,
    bool Description,
    bool Tree,
    bool DryRun,
    bool Exclusive,
    bool Version,
    bool Info,
    ILookup<string, string?> Remaining);
