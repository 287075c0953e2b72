using SpecCake.Events;

namespace SpecCake.Integrations.Webhooks;

/// <summary><c>integrations.webhooks</c>: any number of HTTP endpoints.</summary>
public sealed record WebhooksOptions : IntegrationOptions
{
    /// <summary><c>endpoints</c>.</summary>
    public IReadOnlyList<WebhookEndpointOptions> Endpoints { get; init; } = [];
}

/// <summary>One entry of <c>integrations.webhooks.endpoints</c>.</summary>
public sealed record WebhookEndpointOptions
{
    /// <summary><c>name</c>: shown in the summary; unique among the endpoints.</summary>
    public required string Name { get; init; }

    /// <summary><c>url</c>: a credential too, masked in every output.</summary>
    public required string Url { get; init; }

    /// <summary><c>events</c>: the events sent to this endpoint.</summary>
    public IReadOnlyList<SpecEventKind> Events { get; init; } = [];

    /// <summary><c>headers</c>: extra request headers; <c>${VAR}</c> already interpolated.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary><c>retry_count</c>: retries after the first attempt.</summary>
    public int RetryCount { get; init; } = 3;

    /// <summary><c>secret</c>: HMAC-SHA256 key for <c>X-Signature-256</c>, when set.</summary>
    public string? Secret { get; init; }
}
