using Cake.Core.Diagnostics;
using SpecCake.Delivery;

namespace SpecCake.Aliases;

/// <summary>Writes the delivery engine's (already masked) lines to Cake's log.</summary>
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

        // Braces in URLs or JSON bodies must not be taken for format placeholders.
        log.Write(verbosity, logLevel, "{0}", message);
    }
}
