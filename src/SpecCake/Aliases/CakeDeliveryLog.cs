using Cake.Core.Diagnostics;
using SpecCake.Delivery;

namespace SpecCake.Aliases;

/// <summary>Writes the delivery engine's (already masked) lines to Cake's log, guarded as every SpecCake line is.</summary>
internal sealed class CakeDeliveryLog(ICakeLog log) : IDeliveryLog
{
    public void Write(DeliveryLogLevel level, string message)
    {
        var (verbosity, logLevel) = level switch
        {
            DeliveryLogLevel.Verbose => (Verbosity.Verbose, LogLevel.Verbose),
            DeliveryLogLevel.Warning => (Verbosity.Minimal, LogLevel.Warning),
            DeliveryLogLevel.Error => (Verbosity.Quiet, LogLevel.Error),
            _ => (Verbosity.Normal, LogLevel.Information),
        };

        log.Line(verbosity, logLevel, message);
    }
}
