using System.Text.Json.Nodes;
using System.Text.Json;
using SpecCake.Checks;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Validation;

namespace SpecCake.Integrations.Webhooks;

/// <summary>
/// Custom webhooks: each endpoint (<c>webhooks/&lt;name&gt;</c>) gets the events it lists. Its
/// secrets come from <c>${VAR}</c>s in its URL, headers and HMAC secret, so what an endpoint
/// needs is known per endpoint.
/// </summary>
internal sealed class WebhooksIntegration : IntegrationDescriptor<WebhooksOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "webhooks";

    public static WebhooksIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        endpoints:
          - name: "internal-system"
            url: "https://internal.example.com/spec-webhook"
            events:
              - "spec_approved"
              - "implementation_completed"
            headers:
              Authorization: "Bearer ${WEBHOOK_TOKEN}"
            retry_count: 3
          - name: "analytics"
            url: "https://analytics.example.com/events"
            events:
              - "implementation_completed"
            secret: "${WEBHOOK_SECRET_ANALYTICS}"   # HMAC-SHA256 signature in X-Signature-256
        """;

    public override IntegrationKind Kind => IntegrationKind.Notification;

    public override IReadOnlyList<string> Settings => ["endpoints"];

    // Every variable is the user's own choice, written as ${VAR} in an endpoint.
    public override IReadOnlyList<SecretVariable> Variables => [];

    public override INotifier Notifier { get; } = new WebhooksNotifier();

    // A header value or an HMAC secret filled in from the environment is a credential whatever the variable is called.
    public override bool InterpolatedValuesAreCredentials => true;

    protected override WebhooksOptions BindOptions(ConfigBlock block) => new()
    {
        Endpoints = [.. block.Objects("endpoints").Select(endpoint => new WebhookEndpointOptions
        {
            Name = endpoint.Text("name")!,
            Url = endpoint.Text("url")!,
            Events = endpoint.Events("events"),
            Headers = endpoint.Map("headers"),
            RetryCount = endpoint.Int("retry_count") ?? 3,
            Secret = endpoint.Text("secret"),
        })],
    };

    public override void CheckSettings(IntegrationBlock block)
    {
        if (block.Node("endpoints") is not JsonArray { Count: > 0 })
        {
            block.Error("integrations.webhooks is enabled but lists no endpoints; add at least one under endpoints:");
        }
    }

    public override void CheckFormats(IntegrationBlock block)
    {
        if (block.Node("endpoints") is not JsonArray endpoints)
        {
            return;
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < endpoints.Count; index++)
        {
            var endpoint = $"endpoints/{index}";
            block.CheckUrl($"{endpoint}/url");
            block.CheckHeaders($"{endpoint}/headers");
            if (block.String($"{endpoint}/name") is { } name)
            {
                if (names.TryGetValue(name, out var first))
                {
                    block.ErrorAt($"{endpoint}/name", $"webhook endpoint name {LogText.Quoted(name)} is already used by endpoints[{first}]; names must be unique");
                }
                else
                {
                    names[name] = index;
                }
            }
        }
    }

    protected override void CheckSecrets(WebhooksOptions options, SecretCheck check)
    {
    }

    protected override IReadOnlyList<IntegrationTarget> Targets(WebhooksOptions options) =>
        [.. options.Endpoints.Select(endpoint => IntegrationTarget.Subscribed(TargetName(endpoint.Name), endpoint.Events))];

    public override string? TargetAt(IReadOnlyList<string> path, JsonObject block) =>
        path.Count >= 2 && path[0] == "endpoints" && int.TryParse(path[1], out var index)
            && block["endpoints"] is JsonArray endpoints && index >= 0 && index < endpoints.Count
            && endpoints[index]?["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String
            ? TargetName(name.GetValue<string>())
            : null;

    // Of the URL only its token-like parts: written in the file, the rest is no secret (a ${VAR} in it is masked on its own).
    public override IEnumerable<string> WrittenCredentials(JsonObject block)
    {
        if (block["endpoints"] is not JsonArray endpoints)
        {
            yield break;
        }

        foreach (var endpoint in endpoints.OfType<JsonObject>())
        {
            if (endpoint["url"] is JsonValue url && url.GetValueKind() == JsonValueKind.String)
            {
                foreach (var token in SecretMasker.TokensOf(url.GetValue<string>()))
                {
                    yield return token;
                }
            }

            if (endpoint["secret"] is JsonValue secret && secret.GetValueKind() == JsonValueKind.String)
            {
                yield return secret.GetValue<string>();
            }

            if (endpoint["headers"] is JsonObject headers)
            {
                foreach (var (_, header) in headers)
                {
                    if (header is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        yield return value.GetValue<string>();
                    }
                }
            }
        }
    }

    /// <summary>The summary name of an endpoint, e.g. <c>webhooks/analytics</c>.</summary>
    public static string TargetName(string endpoint) => $"{ConfigKey}/{endpoint}";

    protected override IReadOnlyList<IIntegrationCheck> Checks(WebhooksOptions options) => WebhooksChecks.For(options);
}
