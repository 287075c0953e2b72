using Cake.Core;

namespace SpecCake.Host.Internal;

/// <summary>What the host command needs from the builder, handed over through Spectre's command data.</summary>
internal sealed record HostState(HostOptions Options, ICakeEnvironment Environment, HostConsoles Consoles);
