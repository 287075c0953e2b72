namespace SpecCake.Host.Internal;

/// <summary>
/// The service provider Cake's context requires: answers with the Cake services the host built
/// (no container: resolving a handful of known instances needs none, and loading one costs start-up).
/// </summary>
internal sealed class HostServices : IServiceProvider
{
    private readonly Dictionary<Type, object> _services = [];

    public void Add<TService>(TService service)
        where TService : class => _services[typeof(TService)] = service;

    public object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return _services.GetValueOrDefault(serviceType);
    }
}
