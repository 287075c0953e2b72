using SpecCake.Integrations;

namespace SpecCake.Delivery;

/// <summary>
/// Every notification integration SpecCake knows, in summary order: the notifiers of the
/// integrations registered in <c>Integrations/IntegrationCatalog.cs</c> (an integration is its
/// folder plus one line there).
/// </summary>
public static class NotifierCatalog
{
    /// <summary>The registered notifiers.</summary>
    public static IReadOnlyList<INotifier> All { get; } = [.. IntegrationCatalog.Notifications.Select(descriptor => descriptor.Notifier).OfType<INotifier>()];
}
