using System.Collections.Concurrent;
using SpecCake.Delivery;

namespace SpecCake.Tests.Delivery;

/// <summary>Keeps every line the engine writes, as a user would read them.</summary>
internal sealed class RecordingLog : IDeliveryLog
{
    private readonly ConcurrentQueue<(DeliveryLogLevel Level, string Message)> _lines = new();

    public IReadOnlyList<(DeliveryLogLevel Level, string Message)> Lines => [.. _lines];

    public string Text => string.Join("\n", _lines.Select(line => line.Message));

    public void Write(DeliveryLogLevel level, string message) => _lines.Enqueue((level, message));
}
