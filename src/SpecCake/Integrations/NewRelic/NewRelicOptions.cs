namespace SpecCake.Integrations.NewRelic;

/// <summary><c>integrations.new_relic</c> (Event API); the key comes from <c>NEW_RELIC_API_KEY</c>.</summary>
public sealed record NewRelicOptions : IntegrationOptions
{
    /// <summary><c>account_id</c>: numeric account ID.</summary>
    public string? AccountId { get; init; }

    /// <summary><c>event_type</c>: the NRQL event type, e.g. <c>SpecIngestion</c>.</summary>
    public string EventType { get; init; } = "SpecIngestion";
}
