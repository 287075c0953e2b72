namespace SpecCake.Delivery;

/// <summary>
/// One run's summary rows in the order they were first set (the order the notifiers are registered,
/// then their deliveries), each keyed by what it is about: a notifier, a delivery, or a target name.
/// Setting a key again replaces its row where it stands.
/// </summary>
internal sealed class DeliveryResults
{
    private readonly OrderedDictionary<object, DeliveryResult> _rows = [];

    /// <summary>Sets the row for <paramref name="key"/>: in place when it has one, else last.</summary>
    /// <param name="key">The notifier, delivery or target the row is about.</param>
    /// <param name="result">The row.</param>
    public void Set(object key, DeliveryResult result) => _rows[key] = result;

    /// <summary>The rows, in order.</summary>
    public IReadOnlyList<DeliveryResult> InOrder() => [.. _rows.Values];
}
